// Loads the WebAssembly engine: once, on first use or when `preload()` asks, from the source it
// is given or the entry's default. A failed load is an EngineLoadError, and the next call tries
// again (a page that was offline once must not stay broken).
import init from "./wasm/modelgates_wasm.js";
import { EngineLoadError } from "./errors.js";

// The browser entry's default: undefined, so wasm-bindgen fetches the .wasm beside its glue.
let defaultSource = () => undefined;
let loading;

/** Where the engine comes from when `preload()` names nothing (node.js reads the file). */
export function setDefaultSource(source) {
  defaultSource = source;
}

/**
 * Starts loading the engine now, so the first call does not wait for it. `source` may be the
 * .wasm's bytes, a `WebAssembly.Module`, a `Response` or a URL; by default the package's own
 * file. Resolves once the engine is ready; a failure rejects with an `EngineLoadError`. The
 * engine loads once: while a load is under way or after it succeeded, `source` is not used.
 */
export function preload(source) {
  loading ??= (async () => {
    try {
      await init({ module_or_path: source ?? (await defaultSource()) });
    } catch (cause) {
      loading = undefined;
      throw new EngineLoadError(cause);
    }
  })();
  return loading;
}
