import { jsonPath, type ConfigIssue, type PathSegment } from "./issues.js";

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed YAML tree, so that secrets
 * are named in the file and held by the environment. An unset variable without a default is an
 * issue when secrets are required (serve) and an empty string otherwise (validate, plan).
 */
export function interpolate(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  file: string,
  issues: ConfigIssue[],
  requireSecrets: boolean,
  path: PathSegment[] = [],
): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (_m, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== "") return found;
      if (fallback !== undefined) return fallback;
      if (requireSecrets) {
        issues.push({ file, path: jsonPath(path), message: `environment variable ${name} is not set` });
      }
      return "";
    });
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => interpolate(v, env, file, issues, requireSecrets, [...path, i]));
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, env, file, issues, requireSecrets, [...path, k]);
    return out;
  }
  return value;
}
