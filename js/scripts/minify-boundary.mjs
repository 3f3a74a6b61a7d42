// Usage: node js/scripts/minify-boundary.mjs MAP GLUE
// Renames the engine's imports and exports in wasm-bindgen's glue (GLUE, rewritten in place) as
// binaryen's `--minify-imports-and-exports-and-modules` renamed them in the .wasm (MAP: the
// mapping it printed). The wasm's names carry wasm-bindgen's hashes (`__wbg_parse_c3f72b5a...`)
// on both sides of the boundary, where no minifier reaches; emscripten does the same. Every
// rename must apply exactly where expected, or the build stops: a glue from another wasm-bindgen
// version fails here, not in a browser.
import { readFileSync, writeFileSync } from "node:fs";

const [mapFile, glueFile] = process.argv.slice(2);
const map = JSON.parse(readFileSync(mapFile, "utf8"));
let glue = readFileSync(glueFile, "utf8");
const fail = (what) => {
  throw new Error(`minify-boundary: ${what} in ${glueFile}`);
};

// The imports object: `return { __proto__: null, "./modelgates_wasm_bg.js": import0, ... }`,
// one object per module, becomes one module `a` (the name binaryen gives every module).
const returned = /return \{\n\s*__proto__: null,\n((?:\s*"[^"]+": import\d+,\n)+)\s*\};/;
const block = glue.match(returned) ?? fail("no imports object");
const moduleVariable = new Map([...block[1].matchAll(/"([^"]+)": (import\d+)/g)].map((m) => [m[1], m[2]]));
const glueModule = moduleVariable.get("./modelgates_wasm_bg.js") ?? fail("no glue module");
const members = [];
for (const [module, name, short] of map.imports) {
  const variable = moduleVariable.get(module) ?? fail(`no module ${module}`);
  if (variable === glueModule) {
    // The glue's own functions: rename the key where the object literal defines it.
    const key = new RegExp(`\\n(\\s+)${name}: function`, "g");
    const found = [...glue.matchAll(key)].length;
    if (found !== 1) fail(`${name} defined ${found} times`);
    glue = glue.replace(key, `\n$1${short}: function`);
  } else {
    members.push(`${short}: ${variable}.${name}`);
  }
}
glue = glue.replace(returned, `return { a: { __proto__: null, ...${glueModule}, ${members.join(", ")} } };`);

// Exports: the glue reaches every one as `wasm.name`.
const exports = new Map(map.exports);
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => `wasm.${exports.get(name) ?? fail(`no export ${name}`)}`);
writeFileSync(glueFile, glue);
