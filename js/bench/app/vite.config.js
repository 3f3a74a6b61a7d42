// Served by js/bench/bench.mjs under /app/, so every URL in the build is relative. The package
// loads its .wasm with `new URL(..., import.meta.url)`: no dependency pre-bundling.
export default { base: "./", logLevel: "warn", optimizeDeps: { exclude: ["modelgates"] }, build: { target: "es2022" } };
