// Served by js/bench/bench.mjs under /official/, so every URL in the build is relative.
export default { base: "./", logLevel: "warn" };
