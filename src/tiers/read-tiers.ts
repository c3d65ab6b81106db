import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { interpolate } from "../config/interpolate.js";
import { jsonPath, type ConfigIssue } from "../config/issues.js";
import type { Parsed, ReadOptions } from "../config/read-files.js";
import { TierFileSchema, type TierFile } from "./tier-schema.js";

export interface ParsedTier extends Parsed<TierFile> {
  /** The tier's name: the file name without its extension. */
  readonly name: string;
}

const EXTENSION = /\.(ya?ml|json)$/;
const TIER_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Reads `tiers/*.yaml` (`.yml` and `.json` too) of a config folder. Tier files may name secrets
 * as `${VAR}` (a webhook URL often is one). Every problem lands in `issues` with file and path.
 */
export function readTiers(dir: string, options: ReadOptions, issues: ConfigIssue[]): ParsedTier[] {
  const out: ParsedTier[] = [];
  const seen = new Map<string, string>();
  for (const entry of listTierFiles(join(dir, "tiers"))) {
    const file = `tiers/${entry}`;
    const name = entry.replace(EXTENSION, "");
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      issues.push({ file, path: "$", message: `tier ${name} is already defined in ${earlier}` });
      continue;
    }
    seen.set(name, file);
    if (!TIER_FILE_NAME.test(name)) {
      issues.push({ file, path: "$", message: "a tier is named by its file: use letters, digits, '.', '_' or '-'" });
      continue;
    }
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(join(dir, file), "utf8")) ?? {};
    } catch (err) {
      issues.push({ file, path: "$", message: `not valid YAML: ${(err as Error).message.split("\n")[0]}` });
      continue;
    }
    const resolved = interpolate(raw, options.env, file, issues, options.requireSecrets);
    const result = TierFileSchema.safeParse(resolved);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const message = issue.code === "unrecognized_keys" ? `unknown key(s): ${issue.keys.join(", ")}` : issue.message;
        issues.push({ file, path: jsonPath(issue.path), message });
      }
      continue;
    }
    if (result.data.name !== undefined && result.data.name !== name) {
      issues.push({ file, path: "$.name", message: `name ${result.data.name} differs from the file name; a tier is named by its file (${name})` });
      continue;
    }
    out.push({ file, name, data: result.data });
  }
  return out;
}

function listTierFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => EXTENSION.test(n) && statSync(join(dir, n)).isFile())
      .sort();
  } catch {
    return [];
  }
}
