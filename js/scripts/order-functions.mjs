// Reorders the engine's function bodies so that gzip finds more repeats: LLVM lays functions out
// by crate and module, so code that looks alike (each `from_input`, each `write_json`, each
// drop) sits far apart, often beyond gzip's 32 KB window. Nothing else changes (binaryen
// renumbers the calls and the table); the output is kept only when it gzips smaller.
//
// Usage: node order-functions.mjs engine.wasm
//
// Greedy: after the functions placed so far comes the body that the last 32 KB, given to deflate
// as its dictionary, shrinks most (bytes saved over the square root of its size alone: neither
// the largest nor the smallest bodies win by size alone). The same input gives the same output
// on every machine. (A local search over the greedy order, moving bodies while the whole
// deflates smaller, took 22 s more for 94 B: not kept.)
import fs from "node:fs";
import zlib from "node:zlib";
import binaryen from "binaryen";

const [, , path] = process.argv;
const original = fs.readFileSync(path);
const WINDOW = 32 * 1024;
const deflated = (bytes, dictionary) =>
  zlib.deflateRawSync(bytes, dictionary ? { level: 9, dictionary } : { level: 9 }).length;

const engine = binaryen.readBinary(original);
// The features the engine is built with (js/scripts/build.sh; bulk memory and reference types
// imply the last two, as in wasm-opt): the binary is written as read.
const F = binaryen.Features;
engine.setFeatures(
  F.BulkMemory | F.BulkMemoryOpt | F.NontrappingFPToInt | F.SignExt | F.MutableGlobals |
    F.ReferenceTypes | F.CallIndirectOverlong | F.Multivalue,
);
const names = [];
for (let index = 0; index < engine.getNumFunctions(); index++) {
  const info = binaryen.getFunctionInfo(engine.getFunctionByIndex(index));
  if (!info.module) names.push(info.name); // imports have no body
}
const bodies = codeBodies(original);
if (bodies.length !== names.length) {
  throw new Error(`${bodies.length} bodies for ${names.length} functions`);
}

const order = greedyOrder(bodies);
for (const index of order) {
  // Removed and added again: binaryen writes functions in the order they were added.
  const name = names[index];
  const info = binaryen.getFunctionInfo(engine.getFunction(name));
  engine.removeFunction(name);
  engine.addFunction(name, info.params, info.results, info.vars, info.body);
}
if (!engine.validate()) throw new Error("the reordered engine does not validate");
const reordered = engine.emitBinary();
const before = zlib.gzipSync(original, { level: 9 }).length;
const after = zlib.gzipSync(reordered, { level: 9 }).length;
if (after < before) fs.writeFileSync(path, reordered);
console.log(`function order: ${before} -> ${after} B gzipped${after < before ? "" : " (kept)"}`);

/** The code section's function bodies, in order. */
function codeBodies(bytes) {
  const leb = (at) => {
    let value = 0, shift = 0, byte;
    do {
      byte = bytes[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return [value >>> 0, at];
  };
  const found = [];
  let at = 8; // past the magic number and version
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(at);
    if (id === 10) {
      let count, cursor = at;
      [count, cursor] = leb(cursor);
      for (let n = 0; n < count; n++) {
        let length;
        [length, cursor] = leb(cursor);
        found.push(bytes.subarray(cursor, cursor + length));
        cursor += length;
      }
    }
    at += size;
  }
  return found;
}

function greedyOrder(bodies) {
  const alone = bodies.map((body) => deflated(body));
  const left = new Set(bodies.keys());
  const order = [0];
  left.delete(0);
  let laidOut = Buffer.from(bodies[0]);
  while (left.size) {
    const dictionary = laidOut.subarray(Math.max(0, laidOut.length - WINDOW));
    let next = -1, best = -Infinity;
    for (const index of left) {
      const score = (alone[index] - deflated(bodies[index], dictionary)) / Math.sqrt(alone[index]);
      if (score > best) [best, next] = [score, index];
    }
    order.push(next);
    left.delete(next);
    laidOut = Buffer.concat([laidOut, bodies[next]]);
  }
  return order;
}
