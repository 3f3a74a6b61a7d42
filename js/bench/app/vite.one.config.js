// The getWorkspace-only page (one.html), built as vite.config.js builds the main page, into
// dist-one/.
import main from "./vite.config.js";

export default { ...main, build: { ...main.build, outDir: "dist-one", rollupOptions: { input: "one.html" } } };
