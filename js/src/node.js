// The entry for Node, Deno, Bun and server-side rendering (package.json "exports", condition
// "node"): their fetch cannot load a file: URL, so the engine is read from the package's file.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { setDefaultSource } from "./engine.js";

setDefaultSource(async () => {
  try {
    return await readFile(new URL("./modelgates_wasm_bg.wasm", import.meta.url));
  } catch (error) {
    // Bundled into a server build (Vite SSR with `noExternal`, a linked package), this module
    // no longer sits beside the .wasm: read the installed package's copy instead.
    if (error?.code !== "ENOENT") throw error;
    return readFile(createRequire(import.meta.url).resolve("modelgates/engine.wasm"));
  }
});

export * from "./index.js";
