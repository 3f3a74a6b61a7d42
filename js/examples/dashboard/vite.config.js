import { defineConfig } from "vite";

export default defineConfig({
  // The package loads its .wasm with `new URL(..., import.meta.url)`; pre-bundling would move
  // the JS away from the .wasm, so leave it out of dependency optimisation.
  optimizeDeps: { exclude: ["modelgates"] },
  build: { target: "es2022" },
});
