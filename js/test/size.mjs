// The SDK's download held to a budget: what a browser fetches (js/dist's module and engine, each
// gzipped at level 9, as `just bench-js` weighs them) may not grow past BUDGET unnoticed. A
// dependency or a panic path that comes back costs a kilobyte or more; a new rustc moves the
// figure by a few hundred bytes at most. Measure with `just bench-js`, and record any new figure
// in BENCHMARKS.md before moving the budget. Ends with "N passed, N failed".
import { weighSdk } from "../bench/download.mjs";

// 53,143 B at the last measurement (BENCHMARKS.md), plus 2 %. The goal is 39,000 B.
const BUDGET = 54_200;

const download = weighSdk();
let passed = 0, failed = 0;
const check = (ok, line) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${line}`);
  ok ? passed++ : failed++;
};
check(
  download.files.some((entry) => entry.file.endsWith(".wasm")) && download.files.some((entry) => entry.file.endsWith(".js")),
  `the download has the engine and its module (${download.files.map((entry) => entry.file).join(", ")})`,
);
check(
  download.gzipped <= BUDGET,
  `the download is ${download.gzipped} B gzipped (wasm ${download.wasm} B + JS ${download.gzipped - download.wasm} B), budget ${BUDGET} B`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
