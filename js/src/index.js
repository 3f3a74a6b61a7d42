// The ModelGates client for browsers and bundlers. A thin wrapper: it renames fields (case.js),
// turns failures into Error subclasses (errors.js) and hides secrets (secret.js); validation,
// retries, errors and paging are decided by the Rust core inside the WebAssembly engine.
import { WasmClient } from "./wasm/modelgates_wasm.js";
import { preload } from "./engine.js";
import { toApi, fromApi } from "./case.js";
import { InvalidInputError, refusal, toError } from "./errors.js";
import { Secret } from "./secret.js";
import { Walk } from "./walk.js";
import { operations } from "./operations.js";

export * from "./errors.js";
export { Secret } from "./secret.js";
export { preload } from "./engine.js";

// Numbers reach the engine as they are: JSON has no NaN or Infinity (JSON.stringify would make
// them null, which clears a field), so they travel as the core's marker object and the core
// refuses them by field name. A BigInt becomes a number (JSON.stringify would throw). An invalid
// Date would be null too (a key that never expires): it goes as its text, which the core refuses.
function numbers(key, value) {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" && !Number.isFinite(value)) return { $non_finite: String(value) };
  const original = this[key];
  if (original instanceof Date && Number.isNaN(original.getTime())) return String(original);
  return value;
}
const json = (value) => JSON.stringify(toApi(value ?? {}), numbers);

/** The engine's JSON answer read, or its error thrown as a ModelGatesError; an `AbortedError`
 * carries the caller's `signal.reason` as its `cause` (an `AbortSignal.timeout()` gives a
 * `TimeoutError` DOMException), as `fetch` rejects with that reason. */
async function settle(run, signal) {
  let text;
  try {
    text = await run();
  } catch (thrown) {
    const error = toError(thrown);
    if (error.kind === "aborted" && signal?.aborted) error.cause = signal.reason;
    throw error;
  }
  return text === undefined ? undefined : fromApi(JSON.parse(text));
}

// Each client's engine, outside the object: logging a client cannot show its key, and the
// operation methods below (defined from the table) reach it too.
const engines = new WeakMap();

export class ModelGates {
  // As written: the bundle is minified without keeping names, and consoles show this one.
  static name = "ModelGates";

  /**
   * @param {import("./index").ModelGatesOptions} options
   */
  constructor(options) {
    // Bad settings reject the first call (nothing happens at construction).
    let refused, config, fetchFn, log;
    try {
      const { headers, fetch, logger, ...rest } = settings(options, "options", "{ apiKey, baseUrl }");
      // Header names are sent as given, so they skip the renaming. Unknown options reach the
      // engine, which refuses them by name.
      config = JSON.stringify({ ...toApi(rest), headers }, numbers);
      if (fetch !== undefined && typeof fetch !== "function") {
        throw refusal("fetch", "must be a function like globalThis.fetch");
      }
      fetchFn = fetch === undefined ? undefined : (request) => fetch(request);
      log = logFunction(logger);
    } catch (error) {
      refused = refusedLater(error);
    }
    // The key lives in this closure and then inside the engine, never on `this`, so logging
    // the client cannot show it.
    // Made on first use (no work happens at construction); a failure is not kept, so the
    // next call tries again.
    engines.set(this, once(() => preload().then(() => {
      if (refused) throw refused;
      return engineCall(() => new WasmClient(config, fetchFn, undefined, log));
    })));
  }

  /**
   * This client with other settings for some calls (`{ timeoutMs, retry, headers }`):
   * `client.withOptions({ retry: { maxRetries: 0 } }).createKey(...)`. Headers are added to the
   * client's; retry fields left out keep the client's. It shares the key, the base URL,
   * `fetch` and `logger`. Bad settings reject the first call with an `InvalidInputError`.
   */
  withOptions(options) {
    let refused, overrides;
    try {
      const { headers, ...rest } = settings(options, "options", "{ timeoutMs, retry, headers }");
      overrides = JSON.stringify({ ...toApi(rest), headers }, numbers);
    } catch (error) {
      refused = refusedLater(error);
    }
    const parent = engines.get(this);
    const derived = Object.create(ModelGates.prototype);
    engines.set(derived, once(async () => {
      if (refused) throw refused;
      const engine = await parent();
      return engineCall(() => engine.withOptions(overrides));
    }));
    return derived;
  }

  /** Every workspace, fetching page after page (`pageSize` up to 100) as you iterate with
   * `for await`. A failed page throws; iterating the same walk again retries that page. */
  workspaces(options) {
    return walk(this, options, (engine, pageSize) => engine.pager("workspaces", json({ pageSize })), true);
  }

  /** Every API key of a workspace (`workspaceId`; the default workspace when left out;
   * `includeDisabled`, `includeExpired`), page after page as you iterate with `for await`. */
  keys(filters, options) {
    return walk(this, options, (engine) => engine.pager("keys", json(settings(filters, "filters", "{ workspaceId }"))), false);
  }
}

/** The result's promise, with `withResponse()` giving the answer it came in too. */
function apiPromise(answer) {
  const data = answer.then((done) => done.data);
  data.withResponse = () => {
    // Whoever asks for the answer handles its failure; the result's promise fails with it.
    data.catch(() => {});
    return answer;
  };
  return data;
}

/** The client for one call or walk: `client` itself, or with the settings given for it. */
const withOverrides = (client, overrides) =>
  Object.keys(overrides).length > 0 ? client.withOptions(overrides) : client;

/** The engine's answer, its thrown error description made a ModelGatesError. */
function engineCall(make) {
  try {
    return make();
  } catch (thrown) {
    throw toError(thrown);
  }
}

/** `start()` run once and its promise kept, unless it fails: then the next use tries again. */
function once(start) {
  let pending;
  return () => (pending ??= start().catch((error) => {
    pending = undefined;
    throw error;
  }));
}

/** An input error, kept to reject the first call with; anything else (a cyclic object that
 * JSON.stringify refuses) is thrown now. */
function refusedLater(error) {
  if (error instanceof InvalidInputError) return error;
  throw error;
}

/**
 * The `logger` option as the engine calls it, `(level, message)`: a function is used as it is;
 * an object with `debug`/`info`/`warn` methods (`console`, pino, winston) gets each line as
 * `modelgates <message>` at its level. Anything else is refused.
 */
function logFunction(logger) {
  if (logger === undefined || logger === null) return undefined;
  if (typeof logger === "function") return (level, message) => logger(level, message);
  if (typeof logger === "object" && ["debug", "info", "warn"].every((m) => typeof logger[m] === "function")) {
    return (level, message) => logger[level](`modelgates ${message}`);
  }
  throw refusal("logger", "must be a function (level, message) or an object with debug, info and warn methods, such as console");
}

/** A walk over a list: the engine's pager, opened on first use (bad options reject then).
 * `paged`: the options hold the walk's `pageSize` too. */
function walk(client, options, open, paged) {
  return new Walk(async () => {
    const { signal: given, ...overrides } = settings(options, "options", paged ? "{ pageSize, signal }" : "{ signal, timeoutMs }");
    const signal = abortSignal(given);
    const pageSize = paged ? overrides.pageSize : undefined;
    if (paged) delete overrides.pageSize;
    const engine = await engines.get(withOverrides(client, overrides))();
    let pager;
    try {
      pager = open(engine, pageSize);
    } catch (thrown) {
      throw toError(thrown);
    }
    return { next: () => settle(() => pager.next(signal), signal), free: () => pager.free() };
  });
}

/** `value` as an object of settings (`{}` when left out); anything else is refused by `name`,
 * showing the `shape` expected: destructuring a string (`new ModelGates("sk-...")`) would read
 * its characters as settings. */
function settings(value, name, shape) {
  if (value === undefined || value === null) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value;
  const shown = Array.isArray(value) ? "a list" : `a ${typeof value}`;
  throw refusal(name, `must be an object like ${shape}, not ${shown}`);
}

/** The caller's `signal`: an AbortSignal (or one like it), or none. */
function abortSignal(signal) {
  if (signal === undefined || signal === null) return undefined;
  if (typeof signal === "object" && typeof signal.addEventListener === "function" && typeof signal.aborted === "boolean") {
    return signal;
  }
  throw refusal("signal", "must be an AbortSignal (from an AbortController, or AbortSignal.timeout(ms))");
}

// One method per operation of the core's table: the inputs in order (an id as text, a body or
// query as an object), then `{ signal, timeoutMs, retry, headers }`. Every decision is
// the engine's.
for (const [name, id, inputs, secret] of operations) {
  Object.defineProperty(ModelGates.prototype, name, {
    writable: true,
    configurable: true,
    value: function (...args) {
      const answer = (async () => {
        const input = {};
        inputs.forEach((field, i) => {
          // An id goes as it is given: the core refuses anything but text by name.
          input[field] = field === "body" || field === "query" ? toApi(args[i] ?? {}) : args[i];
        });
        // `{ signal }`, and any of `timeoutMs`, `retry`, `headers` for this call alone.
        const { signal: given, ...overrides } = settings(args[inputs.length], "options", "{ signal, timeoutMs }");
        const signal = abortSignal(given);
        const engine = await engines.get(withOverrides(this, overrides))();
        const { value, status, headers } = await settle(() => engine.call(id, JSON.stringify(input, numbers), signal), signal);
        // The one-time key secret: a Secret that prints as [REDACTED] everywhere.
        const data = secret ? { ...value, key: new Secret(value.key) } : value;
        const response = { status, headers: new Headers(headers) };
        response.requestId = response.headers.get("x-request-id");
        return { data, response };
      })();
      return apiPromise(answer);
    },
  });
}
