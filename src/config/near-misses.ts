import type { z } from "zod";
import { jsonPath, type ConfigIssue, type PathSegment } from "./issues.js";

/**
 * The users' JSON files keep fields Atrium does not read, so a misspelt field
 * (`contentSaftey`) would silently be one it does not read either. Each unknown field one edit
 * away from a known one at the same place is a warning that names the field meant.
 */
export function warnNearMisses(schema: z.ZodType, raw: unknown, file: string, issues: ConfigIssue[], path: PathSegment[] = []): void {
  const def = inner(schema);
  if (def === undefined || raw === null || typeof raw !== "object") return;
  if (def.type === "array" && Array.isArray(raw)) {
    raw.forEach((item, i) => warnNearMisses(def.element, item, file, issues, [...path, i]));
    return;
  }
  if (def.type !== "object" || Array.isArray(raw)) return;
  const known = Object.keys(def.shape);
  for (const [key, value] of Object.entries(raw)) {
    const field = def.shape[key];
    if (field) {
      warnNearMisses(field, value, file, issues, [...path, key]);
      continue;
    }
    const meant = known.find((k) => oneEditApart(key, k));
    if (meant) {
      issues.push({ file, path: jsonPath([...path, key]), message: `unknown field ${key}: did you mean ${meant}? (kept, but not read)`, severity: "warning" });
    }
  }
}

type Inner = { type: "object"; shape: Record<string, z.ZodType> } | { type: "array"; element: z.ZodType };

/** The object or array under optional, default, transform and the like; undefined for anything else. */
function inner(schema: z.ZodType): Inner | undefined {
  let s: z.ZodType = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = s.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "object") return { type: "object", shape: def["shape"] as Record<string, z.ZodType> };
    if (def.type === "array") return { type: "array", element: def["element"] as z.ZodType };
    const next = def["innerType"] ?? def["in"];
    if (next === undefined) return undefined;
    s = next as z.ZodType;
  }
  return undefined;
}

/** Damerau-Levenshtein distance exactly 1: one letter added, dropped, changed, or two neighbours swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    const [i, j] = diffs as [number, number];
    return diffs.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
