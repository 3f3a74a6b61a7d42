// Errors as Error subclasses, one per kind, so both `instanceof` and `error.kind` work.
import { fieldName } from "./case.js";

/** Every error the SDK throws. */
export class ModelGatesError extends Error {
  static errorName = "ModelGatesError";
  constructor(detail) {
    super(detail.message);
    // Spelled out: a minifier renames classes, and `name` is what logs and pages show.
    this.name = new.target.errorName;
    /** invalid_input | api | decode | transport | timeout | aborted | internal */
    this.kind = detail.kind;
    this.status = detail.status ?? null;
    this.code = detail.code ?? null;
    this.field = detail.field ?? null;
    this.metadata = detail.metadata ?? null;
    this.userId = detail.userId ?? null;
    this.requestId = detail.requestId ?? null;
    this.retryAfterMs = detail.retryAfterMs ?? null;
  }
}
/** Refused before sending: `field` names the offending input. Nothing was sent. */
export class InvalidInputError extends ModelGatesError {
  static errorName = "InvalidInputError";
}
/** The server answered with an error status. */
export class ApiError extends ModelGatesError {
  static errorName = "ApiError";
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

const byKind = {
  invalid_input: InvalidInputError,
  api: ApiError,
  decode: DecodeError,
  transport: TransportError,
  timeout: TimeoutError,
  aborted: AbortedError,
  internal: InternalError,
};

/** Turns what the engine threw (a JSON error description, or a trap) into a ModelGatesError. */
export function toError(thrown) {
  let raw;
  try {
    raw = JSON.parse(thrown);
  } catch {
    raw = null;
  }
  // Anything but the engine's own description (a trap, a stray value) is the SDK's bug.
  if (raw === null || typeof raw !== "object" || !(raw.kind in byKind) || typeof raw.message !== "string") {
    raw = { kind: "internal", message: `internal SDK error: ${thrown}` };
  }
  const field = raw.field == null ? null : fieldName(raw.field);
  let message = raw.message;
  // The core starts an input error with the field's name; use the name the caller typed.
  if (field && raw.field !== field && message.startsWith(raw.field + ":")) {
    message = field + message.slice(raw.field.length);
  }
  const detail = {
    kind: raw.kind,
    message,
    status: raw.status,
    code: raw.code,
    field,
    metadata: raw.metadata,
    userId: raw.user_id,
    requestId: raw.request_id,
    retryAfterMs: raw.retry_after_ms,
  };
  return new byKind[raw.kind](detail);
}
