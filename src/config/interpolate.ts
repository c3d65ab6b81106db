import { jsonPath, type ConfigIssue, type PathSegment } from "./issues.js";

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Which unset variables are errors: all (serve), none (validate, plan: a CI job has no secrets),
 * or those under these JSON paths (`$.storage`): a verb needs only the variables it uses.
 */
export type RequiredSecrets = boolean | readonly string[];

/**
 * Stands in for an unset variable so that the rest of the file is still checked: it is a valid URL
 * and longer than any minimum length, so the variable is reported as "not set" and never as a
 * wrong value. Nothing runs with it: serve refuses to start while a variable is unset.
 */
export function unsetPlaceholder(name: string): string {
  return `https://not-set.invalid/environment-variable/${name}`;
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed YAML tree, so that secrets
 * are named in the file and held by the environment. An unset variable without a default is an
 * error where it is required and a warning elsewhere; `unset` collects where each one was (by
 * JSON path) so that a schema complaint about the stand-in can name the variable instead.
 */
export function interpolate(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  file: string,
  issues: ConfigIssue[],
  required: RequiredSecrets,
  unset: Map<string, string> = new Map(),
  path: PathSegment[] = [],
): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (_m, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== "") return found;
      if (fallback !== undefined) return fallback;
      const at = jsonPath(path);
      unset.set(at, name);
      if (isRequired(required, at)) issues.push({ file, path: at, message: `environment variable ${name} is not set` });
      else issues.push({ file, path: at, message: `environment variable ${name} is not set (serve needs it)`, severity: "warning" });
      return unsetPlaceholder(name);
    });
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => interpolate(v, env, file, issues, required, unset, [...path, i]));
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, env, file, issues, required, unset, [...path, k]);
    return out;
  }
  return value;
}

function isRequired(required: RequiredSecrets, at: string): boolean {
  if (typeof required === "boolean") return required;
  return required.some((prefix) => at === prefix || at.startsWith(`${prefix}.`) || at.startsWith(`${prefix}[`));
}
