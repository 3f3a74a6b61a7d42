// Errors as Error subclasses, so both `instanceof` and `error.kind` work. Which class a failure
// becomes, its message and whether it is retryable are the core's decisions (its error
// description names the class); this module only builds the object.

/** Every error the SDK throws. */
export class ModelGatesError extends Error {
  static errorName = "ModelGatesError";
  constructor(detail) {
    super(detail.message);
    // Spelled out: a minifier renames classes, and `name` is what logs and pages show.
    this.name = new.target.errorName;
    /** invalid_input | api | decode | transport | timeout | aborted | internal | engine */
    this.kind = detail.kind;
    /** Whether trying again later may succeed (the SDK's own retries are spent). */
    this.retryable = detail.retryable ?? false;
    this.status = detail.status ?? null;
    this.code = detail.code ?? null;
    this.field = detail.field ?? null;
    this.metadata = detail.metadata ?? null;
    this.userId = detail.userId ?? null;
    this.requestId = detail.requestId ?? null;
    this.retryAfterMs = detail.retryAfterMs ?? null;
    this.location = detail.location ?? null;
  }
}
/** Refused before sending: `field` names the offending input. Nothing was sent. */
export class InvalidInputError extends ModelGatesError {
  static errorName = "InvalidInputError";
}

/** An input error found in JavaScript, worded as the core words its own. Not exported by the
 * package (index.js re-exports the classes by name). */
export const refusal = (field, problem) =>
  new InvalidInputError({ kind: "invalid_input", field, message: `${field}: ${problem}` });

/** The server answered with an error status. */
export class ApiError extends ModelGatesError {
  static errorName = "ApiError";
}
/** HTTP 400: the server refused the input. */
export class BadRequestError extends ApiError {
  static errorName = "BadRequestError";
}
/** HTTP 401: the key is missing or wrong. */
export class AuthenticationError extends ApiError {
  static errorName = "AuthenticationError";
}
/** HTTP 403: the key may not do this. */
export class PermissionDeniedError extends ApiError {
  static errorName = "PermissionDeniedError";
}
/** HTTP 404: no such resource. */
export class NotFoundError extends ApiError {
  static errorName = "NotFoundError";
}
/** HTTP 409: the change conflicts with the resource's current state. */
export class ConflictError extends ApiError {
  static errorName = "ConflictError";
}
/** HTTP 429, after the retries allowed; `retryAfterMs` says when to try again. */
export class RateLimitError extends ApiError {
  static errorName = "RateLimitError";
}
/** HTTP 5xx, after the retries allowed. */
export class InternalServerError extends ApiError {
  static errorName = "InternalServerError";
}
/** A redirect, which the SDK never follows (`location` says where, when the browser tells). */
export class RedirectError extends ApiError {
  static errorName = "RedirectError";
}
/** The server answered 2xx with a body the SDK could not read. */
export class DecodeError extends ModelGatesError {
  static errorName = "DecodeError";
}
/** The network failed (connection dropped, body cut short, CORS refused). */
export class TransportError extends ModelGatesError {
  static errorName = "TransportError";
}
/** The attempt took longer than `timeoutMs`. */
export class TimeoutError extends ModelGatesError {
  static errorName = "TimeoutError";
}
/** The caller's AbortSignal fired. */
export class AbortedError extends ModelGatesError {
  static errorName = "AbortedError";
}
/** A bug in the SDK itself. */
export class InternalError extends ModelGatesError {
  static errorName = "InternalError";
}
/** The WebAssembly engine could not be loaded (offline, blocked by CSP, bad bytes); `cause`
 * says why. Nothing was sent, and the next call tries to load it again. */
export class EngineLoadError extends ModelGatesError {
  static errorName = "EngineLoadError";
  constructor(cause) {
    const compiled = typeof WebAssembly === "object"
      && (cause instanceof WebAssembly.CompileError || cause instanceof WebAssembly.LinkError);
    super({
      kind: "engine",
      message: `could not load the SDK's WebAssembly engine: ${cause}`,
      // Bytes that do not compile will not compile later either; a failed download may load.
      retryable: !compiled,
    });
    this.cause = cause;
  }
}

const classes = Object.fromEntries(
  [
    InvalidInputError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError,
    NotFoundError, ConflictError, RateLimitError, InternalServerError, RedirectError, DecodeError,
    TransportError, TimeoutError, AbortedError, InternalError,
  ].map((cls) => [cls.errorName, cls]),
);
// The classes' own names too (the bundle is minified without keeping names): what consoles show
// for an error's class.
for (const cls of [ModelGatesError, EngineLoadError, ...Object.values(classes)]) {
  Object.defineProperty(cls, "name", { value: cls.errorName });
}

/** Turns what the engine threw (a JSON error description, or a trap) into a ModelGatesError; one
 * already is stays as it is. */
export function toError(thrown) {
  if (thrown instanceof ModelGatesError) return thrown;
  let raw;
  try {
    raw = JSON.parse(thrown);
  } catch {
    raw = null;
  }
  // Anything but the engine's own description (a trap, a stray value) is the SDK's bug.
  if (raw === null || typeof raw !== "object" || !Object.hasOwn(classes, raw.class) || typeof raw.message !== "string") {
    raw = { kind: "internal", class: "InternalError", message: `internal SDK error: ${thrown}` };
  }
  return new classes[raw.class]({
    kind: raw.kind,
    message: raw.message,
    retryable: raw.retryable,
    status: raw.status,
    code: raw.code,
    field: raw.field,
    metadata: raw.metadata,
    userId: raw.user_id,
    requestId: raw.request_id,
    retryAfterMs: raw.retry_after_ms,
    location: raw.location,
  });
}
