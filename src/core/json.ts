export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * A shallow copy of a parsed JSON object. `Object.assign` keeps the copy's hidden class the same
 * from call to call (on Node 20 a spread gives each copy a class of its own), but it sets keys
 * rather than defining them: a `__proto__` key from the client would set the copy's prototype
 * instead of being copied. An object holding one is spread.
 */
export function copyObject(value: JsonObject): JsonObject {
  return Object.hasOwn(value, "__proto__") ? { ...value } : Object.assign({}, value);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
