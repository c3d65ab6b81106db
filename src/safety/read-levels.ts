import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { jsonPath, type ConfigIssue } from "../config/issues.js";
import { LevelFileSchema, levelOf, type SafetyLevel } from "./level.js";

/** `off` needs no file: no detector runs, at no cost. */
export const SAFETY_OFF = "off";
const LEVEL_FILE = /^([A-Za-z0-9][A-Za-z0-9._-]*)\.ya?ml$/;

/**
 * The shipped levels (`safety/` beside `src/` and `dist/`, both two folders up from this module)
 * and the config folder's own `safety/*.yaml`, which replace a shipped level of the same name or
 * add new ones. Problems in the config folder's files land in `issues`.
 */
export function readSafetyLevels(configDir: string | undefined, issues: ConfigIssue[]): ReadonlyMap<string, SafetyLevel> {
  const levels = new Map<string, SafetyLevel>();
  readFolder(fileURLToPath(new URL("../../safety", import.meta.url)), "safety", levels, issues);
  if (configDir !== undefined) readFolder(join(configDir, "safety"), "safety", levels, issues);
  return levels;
}

function readFolder(dir: string, prefix: string, levels: Map<string, SafetyLevel>, issues: ConfigIssue[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const entry of names) {
    const name = LEVEL_FILE.exec(entry)?.[1];
    if (name === undefined) continue;
    const file = `${prefix}/${entry}`;
    if (name === SAFETY_OFF) {
      issues.push({ file, path: "$", message: `"${SAFETY_OFF}" is built in (no checks) and cannot be redefined` });
      continue;
    }
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(join(dir, entry), "utf8")) ?? {};
    } catch (err) {
      issues.push({ file, path: "$", message: `not valid YAML: ${(err as Error).message.split("\n")[0]}` });
      continue;
    }
    const result = LevelFileSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({ file, path: jsonPath(issue.path), message: issue.code === "unrecognized_keys" ? `unknown key(s): ${issue.keys.join(", ")}` : issue.message });
      }
      continue;
    }
    let ok = true;
    for (const [category, rule] of Object.entries(result.data.output)) {
      // A stream's text already sent cannot be taken back, so output is blocked or flagged, not rewritten.
      if (rule?.action === "redact") {
        issues.push({ file, path: `$.output.${category}.action`, message: "output actions are block or flag" });
        ok = false;
      }
    }
    if (ok) levels.set(name, levelOf(name, result.data));
  }
}
