// A secret that stays out of logs: the value lives in a WeakMap, not on the object, so
// console.log, JSON.stringify and String() all show "[REDACTED]".
const values = new WeakMap();

export class Secret {
  // As written (the bundle is minified without keeping names).
  static name = "Secret";

  /** @param {string} value */
  constructor(value) {
    values.set(this, value);
  }
  /** The secret itself. Show it to the user once; never log it. */
  reveal() {
    return values.get(this);
  }
  toString() {
    return "[REDACTED]";
  }
  toJSON() {
    return "[REDACTED]";
  }
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return "Secret([REDACTED])";
  }
}
