// The package's hand-written declarations: the client, its options, errors and the walk. The
// API's types and the operation methods are generated from the core into api.d.ts.
import type { ApiKey, Operations, Workspace } from "./api.js";
export * from "./api.js";

/** How failed attempts are retried. Every field is optional; unset ones keep the default. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  maxRetries?: number;
  /** Wait before the first retry, doubling after (default 500). */
  initialBackoffMs?: number;
  /** Longest backoff wait (default 8000); a server's Retry-After may ask for longer. */
  maxBackoffMs?: number;
  /** No retry starts if it would end later than this after the first attempt (default 30000). */
  maxElapsedMs?: number;
  /** Share of each wait randomised away, 0 to 1 (default 0.25). */
  jitter?: number;
}

export interface ModelGatesOptions {
  /** The management key. It never appears in errors or logs. */
  apiKey: string;
  /** The API root (default `https://modelgates.ai/api/v1`). */
  baseUrl?: string;
  /** How long one attempt may take, in milliseconds (default 60000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` to use instead of the global one. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Where the SDK's log lines go: one per attempt, answer, retry wait and failure, never a
   * secret. A function gets `(level, message)`; an object with `debug`/`info`/`warn` methods
   * (`console`, pino, winston) gets `modelgates <message>` at each line's level.
   */
  logger?: ((level: LogLevel, message: string) => void) | LevelLogger;
}

/** A log line's level. */
export type LogLevel = "debug" | "info" | "warn";

/** A logger with a method per level, such as `console`. */
export interface LevelLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** The answer a call's result came in (`withResponse()`). */
export interface ResponseInfo {
  /** The HTTP status. */
  status: number;
  /** The response headers (in a browser, those the server exposes to the page through CORS). */
  headers: Headers;
  /** The `x-request-id` header, for support requests. */
  requestId: string | null;
}

/**
 * What every operation method returns: a promise of the result, which also gives the answer it
 * came in: `const { data, response } = await client.getWorkspace("prod").withResponse()`.
 * Nothing is sent twice.
 */
export interface APIPromise<T> extends Promise<T> {
  withResponse(): Promise<{ data: T; response: ResponseInfo }>;
}

/** Settings for some calls, over the client's (`withOptions`, or a method's last argument). */
export interface CallSettings {
  /** How long one attempt may take, in milliseconds. */
  timeoutMs?: number;
  /** Retry fields left out keep the client's. */
  retry?: RetryOptions;
  /** Headers added to the client's (one of the same name replaces it). */
  headers?: Record<string, string>;
}

/** Options every method takes: a signal, and settings for this call alone. */
export interface CallOptions extends CallSettings {
  /** Aborting it ends the call with an `AbortedError` (also while waiting to retry). */
  signal?: AbortSignal;
}

export interface WorkspacesOptions extends CallOptions {
  /** 1 to 100 (default 100). */
  pageSize?: number;
}

/** Which keys a walk over keys gives. */
export interface KeyFilters {
  /** The workspace (UUID) whose keys to walk; the default workspace when left out. */
  workspaceId?: string;
  /** Whether disabled keys come too (by default they do not). */
  includeDisabled?: boolean;
  /** Whether expired keys come too (by default they do not). */
  includeExpired?: boolean;
}

/** A secret that prints as `[REDACTED]`; `reveal()` gives the value. */
export declare class Secret {
  private constructor();
  reveal(): string;
  toString(): "[REDACTED]";
  toJSON(): "[REDACTED]";
}

/**
 * A walk over a whole list, page after page as you iterate (`for await`). It never ends early
 * in silence: a page shorter than asked for or a list that grows mid-walk does not end it, and
 * a page that cannot be right rejects. After a failed page, iterating the same walk again
 * retries that page. `break` (or `return()`) ends it.
 */
export declare class Walk<T> implements AsyncIterableIterator<T> {
  private constructor();
  next(): Promise<IteratorResult<T, undefined>>;
  return(value?: undefined): Promise<IteratorResult<T, undefined>>;
  [Symbol.asyncIterator](): Walk<T>;
}

export type ErrorKind =
  | "invalid_input"
  | "api"
  | "decode"
  | "transport"
  | "timeout"
  | "aborted"
  | "internal"
  | "engine";

export declare class ModelGatesError extends Error {
  readonly kind: ErrorKind;
  /** Whether trying again later may succeed (the SDK's own retries are already spent). */
  readonly retryable: boolean;
  /** HTTP status (api and decode errors; 0 for a redirect the browser hides). */
  readonly status: number | null;
  /** `error.code` from the server's body. */
  readonly code: number | null;
  /** The offending input field, camelCase (invalid_input). */
  readonly field: string | null;
  /** `error.metadata` from the server's body. */
  readonly metadata: unknown;
  readonly userId: string | null;
  /** The `x-request-id` response header, for support requests. */
  readonly requestId: string | null;
  /** The server's `Retry-After`, in milliseconds. */
  readonly retryAfterMs: number | null;
  /** Where a redirect pointed (RedirectError), when the platform tells. */
  readonly location: string | null;
}
/** Refused before sending: `field` names the offending input. Nothing was sent. */
export declare class InvalidInputError extends ModelGatesError {
  readonly kind: "invalid_input";
  readonly field: string;
}
/** The server answered with an error status. */
export declare class ApiError extends ModelGatesError {
  readonly kind: "api";
  readonly status: number;
}
/** HTTP 400: the server refused the input. */
export declare class BadRequestError extends ApiError {}
/** HTTP 401: the key is missing or wrong. */
export declare class AuthenticationError extends ApiError {}
/** HTTP 403: the key may not do this. */
export declare class PermissionDeniedError extends ApiError {}
/** HTTP 404: no such resource. */
export declare class NotFoundError extends ApiError {}
/** HTTP 409: the change conflicts with the resource's current state. */
export declare class ConflictError extends ApiError {}
/** HTTP 429 after the retries allowed; `retryAfterMs` says when to try again. */
export declare class RateLimitError extends ApiError {}
/** HTTP 5xx after the retries allowed (a POST is never retried on 5xx). */
export declare class InternalServerError extends ApiError {}
/** A redirect: the SDK never follows one (the key must not reach another host). */
export declare class RedirectError extends ApiError {}
/** The server answered 2xx with a body the SDK could not read. */
export declare class DecodeError extends ModelGatesError {
  readonly kind: "decode";
}
/** No answer: the connection failed or broke, the body was cut short, CORS refused. */
export declare class TransportError extends ModelGatesError {
  readonly kind: "transport";
}
/** No answer within `timeoutMs`. */
export declare class TimeoutError extends ModelGatesError {
  readonly kind: "timeout";
}
/** The caller's AbortSignal fired. */
export declare class AbortedError extends ModelGatesError {
  readonly kind: "aborted";
  /** The signal's `reason` (`AbortSignal.timeout()` gives a `TimeoutError` DOMException). */
  readonly cause: unknown;
}
/** A bug in the SDK itself. */
export declare class InternalError extends ModelGatesError {
  readonly kind: "internal";
}

/** The WebAssembly engine could not be loaded (offline, blocked by CSP, bad bytes); `cause`
 * says why. Nothing was sent, and the next call tries to load it again. */
export declare class EngineLoadError extends ModelGatesError {
  readonly kind: "engine";
  readonly cause: unknown;
}

/** Where the engine can come from: the .wasm's bytes, a compiled module, a response or a URL. */
export type EngineSource =
  | BufferSource
  | WebAssembly.Module
  | Response
  | URL
  | string
  | Promise<BufferSource | WebAssembly.Module | Response>;

/**
 * Starts loading the WebAssembly engine now, so the first call does not wait for it (call it
 * early, e.g. when the page loads). With no `source`, the package's own .wasm: fetched beside
 * the module in a browser, read from disk in Node, Deno and Bun. Rejects with an
 * `EngineLoadError`; a later call or `preload()` tries again. The engine loads once: while one
 * load is under way or after it succeeded (a first call starts one too), `preload` returns that
 * load and its `source` is not used.
 */
export declare function preload(source?: EngineSource): Promise<void>;

/**
 * The ModelGates management API client. Its operation methods (`createWorkspace`,
 * `getWorkspace`, ...) are declared in `Operations`, generated from the core's table.
 */
export declare class ModelGates {
  constructor(options: ModelGatesOptions);
  /**
   * This client with other settings for some calls:
   * `client.withOptions({ retry: { maxRetries: 0 } }).createKey(...)`. Headers are added to the
   * client's; retry fields left out keep the client's. It shares the key, the base URL,
   * `fetch` and `logger`. Bad settings reject the first call with an `InvalidInputError`.
   */
  withOptions(options: CallSettings): ModelGates;
  /** Every workspace, page after page as you iterate (`pageSize` up to 100). */
  workspaces(options?: WorkspacesOptions): Walk<Workspace>;
  /**
   * Every API key of a workspace, page after page as you iterate, until a page is empty.
   * Disabled and expired keys only when asked for.
   */
  keys(filters?: KeyFilters, options?: CallOptions): Walk<ApiKey>;
}
export interface ModelGates extends Operations {}
