import type { JsonObject, JsonValue } from "../../core/json.js";
import { isObject } from "../../core/json.js";
import { hash32, prng, simulatedWords } from "./sim-text.js";

/** Schemas nest; a self-referencing one ($ref to itself) must still end. */
const MAX_DEPTH = 6;

/**
 * A deterministic JSON value that a JSON Schema accepts: what the simulated model answers for
 * `response_format: json_schema` and for a tool call's arguments. It fills every property an
 * object lists (required ones first), honours `type`, `enum`, `const`, `anyOf`/`oneOf`/`allOf`,
 * local `$ref`s, and the usual bounds (min/max, minItems, minLength); the same seed gives the same value.
 */
export function valueForSchema(schema: unknown, seed: string): JsonValue {
  const random = prng(hash32(seed));
  const root = isObject(schema) ? schema : {};
  return generate(root, root, random, seed, 0);
}

function generate(schema: JsonObject, root: JsonObject, random: () => number, seed: string, depth: number): JsonValue {
  const ref = schema["$ref"];
  if (typeof ref === "string") return generate(resolveRef(ref, root), root, random, seed, depth + 1);
  if ("const" in schema) return schema["const"] ?? null;
  const choices = schema["enum"];
  if (Array.isArray(choices) && choices.length > 0) return choices[Math.floor(random() * choices.length)] ?? null;
  for (const key of ["anyOf", "oneOf"]) {
    const options = schema[key];
    if (Array.isArray(options)) {
      // The first option that is not null: a nullable field gets a real value, which is the useful case for a demo.
      const picked = options.find((o) => isObject(o) && o["type"] !== "null") ?? options[0];
      return generate(isObject(picked) ? picked : {}, root, random, seed, depth + 1);
    }
  }
  const allOf = schema["allOf"];
  if (Array.isArray(allOf)) {
    const merged: JsonObject = Object.assign({}, schema, ...allOf.filter(isObject));
    delete merged["allOf"];
    return generate(merged, root, random, seed, depth + 1);
  }
  switch (typeOf(schema)) {
    case "object":
      return depth >= MAX_DEPTH ? {} : objectFor(schema, root, random, seed, depth);
    case "array": {
      if (depth >= MAX_DEPTH) return [];
      const items = isObject(schema["items"]) ? schema["items"] : {};
      const min = numberAt(schema, "minItems") ?? 0;
      const max = numberAt(schema, "maxItems") ?? Math.max(min, 3);
      const count = Math.min(max, Math.max(min, 1 + Math.floor(random() * 3)));
      return Array.from({ length: count }, (_, i) => generate(items, root, random, `${seed}[${i}]`, depth + 1));
    }
    case "integer":
    case "number":
      return numberFor(schema, random);
    case "boolean":
      return random() < 0.5;
    case "null":
      return null;
    default:
      return stringFor(schema, seed);
  }
}

function objectFor(schema: JsonObject, root: JsonObject, random: () => number, seed: string, depth: number): JsonObject {
  const properties = isObject(schema["properties"]) ? schema["properties"] : {};
  const required = Array.isArray(schema["required"]) ? schema["required"].filter((r): r is string => typeof r === "string") : [];
  const names = [...required, ...Object.keys(properties).filter((n) => !required.includes(n))];
  const out: JsonObject = {};
  for (const name of names) {
    const property = properties[name];
    out[name] = generate(isObject(property) ? property : {}, root, random, `${seed}.${name}`, depth + 1);
  }
  return out;
}

function typeOf(schema: JsonObject): string {
  const type = schema["type"];
  if (typeof type === "string") return type;
  // ["string", "null"]: the first type that is not null.
  if (Array.isArray(type)) return (type.find((t) => t !== "null") ?? type[0] ?? "string") as string;
  if (isObject(schema["properties"])) return "object";
  if (isObject(schema["items"])) return "array";
  return "string";
}

function numberFor(schema: JsonObject, random: () => number): number {
  const low = numberAt(schema, "minimum") ?? (numberAt(schema, "exclusiveMinimum") ?? -1) + 1;
  const high = numberAt(schema, "maximum") ?? (numberAt(schema, "exclusiveMaximum") ?? low + 101) - 1;
  const span = Math.max(0, high - low);
  if (schema["type"] === "integer") return Math.ceil(low) + Math.floor(random() * (Math.floor(span) + 1));
  return Math.round((low + random() * span) * 100) / 100;
}

function stringFor(schema: JsonObject, seed: string): string {
  switch (schema["format"]) {
    case "date-time":
      return "2024-07-02T00:00:00Z";
    case "date":
      return "2024-07-02";
    case "email":
      return "someone@example.com";
    case "uri":
    case "url":
      return "https://example.com/";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
  }
  // After the fixed opening ("This is a simulated reply:"), three words that depend on the seed.
  const words = simulatedWords(seed).slice(5, 8).join("").trim().replace(/\.$/, "");
  let text = words || "simulated";
  const min = numberAt(schema, "minLength") ?? 0;
  while (text.length < min) text += ` ${text}`;
  const max = numberAt(schema, "maxLength");
  return max === undefined ? text : text.slice(0, max);
}

function resolveRef(ref: string, root: JsonObject): JsonObject {
  if (!ref.startsWith("#")) return {};
  let node: JsonValue = root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? (node[key] ?? {}) : {};
  }
  return isObject(node) ? node : {};
}

function numberAt(schema: JsonObject, key: string): number | undefined {
  const v = schema[key];
  return typeof v === "number" ? v : undefined;
}
