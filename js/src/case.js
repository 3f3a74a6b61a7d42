// The one place where JavaScript's camelCase meets the API's snake_case. The engine (wasm)
// speaks the API's names, exactly as the core and the conformance vectors do; this module
// renames keys on the way in and out, so TypeScript users see camelCase everywhere.

import { refusal } from "./errors.js";

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
// A request's names are JavaScript's: `workspace_id` is refused (naming `workspaceId`) rather
// than sent as it is, where beside a `workspaceId` one of the two would silently be lost.
const snake = (name, path) => {
  if (name.includes("_")) {
    throw refusal(path + name, `is not a field of this request (its name here is ${camel(name)})`);
  }
  return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
};

// Object.create(null) too (a dictionary with no prototype): its keys are fields as well.
const isPlainObject = (value) => {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** `value` with its keys renamed by `how(key, path)`, `path` being where the key sits
 * (`retry.`), for errors. */
function rename(value, how, path = "") {
  if (Array.isArray(value)) return value.map((item) => rename(item, how, path));
  if (!isPlainObject(value)) return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) out[how(key, path)] = rename(item, how, `${path}${key}.`);
  return out;
}

/** A request object with the API's field names. Throws an `InvalidInputError` for a name
 * written the API's way. */
export const toApi = (value) => rename(value, snake);

/** A response object with JavaScript field names. */
export const fromApi = (value) => rename(value, camel);
