// What a browser downloads: every .js and .wasm file a page loads, gzipped one by one at level 9
// (zlib, as most servers send them). Weighed by `just bench-js` (the SDK and the Vite pages) and
// held to a budget by the size test (js/test/size.mjs).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const js = fileURLToPath(new URL("..", import.meta.url));

const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});

/**
 * Each .js and .wasm file under `dir` (but those `skip` names) raw and gzipped, and the totals
 * (`wasm`: the .wasm files gzipped). Files are named from js/.
 */
export function weigh(dir, skip = () => false) {
  const weighed = files(dir)
    .filter((path) => /\.(js|wasm)$/.test(path) && !skip(path))
    .sort()
    .map((path) => {
      const bytes = readFileSync(path);
      return { file: relative(js, path), raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
    });
  const sum = (list, key) => list.reduce((total, entry) => total + entry[key], 0);
  return {
    files: weighed,
    raw: sum(weighed, "raw"),
    gzipped: sum(weighed, "gzipped"),
    wasm: sum(weighed.filter((entry) => entry.file.endsWith(".wasm")), "gzipped"),
  };
}

/** The npm package as a browser downloads it: js/dist without node.js, the Node entry. */
export const weighSdk = () => weigh(join(js, "dist"), (path) => path.endsWith("/dist/node.js"));
