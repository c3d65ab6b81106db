/** One problem in the config folder: which file, where in it (a JSON path), and what is wrong. */
export interface ConfigIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  /** A warning is reported but does not make the folder invalid (a likely typo, an unset secret in CI). */
  readonly severity?: "warning";
}

export type PathSegment = string | number | symbol;

export function jsonPath(segments: readonly PathSegment[]): string {
  let out = "$";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "string" && /^[A-Za-z_$][\w$-]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file} ${issue.path}: ${issue.severity === "warning" ? "warning: " : ""}${issue.message}`;
}

export function isWarning(issue: ConfigIssue): boolean {
  return issue.severity === "warning";
}
