// The one place where JavaScript's camelCase meets the API's snake_case. The engine (wasm)
// speaks the API's names, exactly as the core and the conformance vectors do; this module
// renames keys on the way in and out, so TypeScript users see camelCase everywhere.

const snake = (name) => name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

// Object.create(null) too (a dictionary with no prototype): its keys are fields as well.
const isPlainObject = (value) => {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

function rename(value, how) {
  if (Array.isArray(value)) return value.map((item) => rename(item, how));
  if (!isPlainObject(value)) return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) out[how(key)] = rename(item, how);
  return out;
}

/** A request object with the API's field names. */
export const toApi = (value) => rename(value, snake);

/** A response object with JavaScript field names. */
export const fromApi = (value) => rename(value, camel);
