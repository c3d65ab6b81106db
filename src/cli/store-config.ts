import type { Config } from "../config/config.js";
import { formatIssue } from "../config/issues.js";
import { loadConfig } from "../config/load.js";

/**
 * The config for a verb that reads or writes the stores (keys, report, audit-worker): only the
 * variables under `uses` (JSON paths such as `$.storage`) must be set; the others, upstream keys
 * among them, may be missing. Undefined after printing every problem to stderr.
 */
export function storeConfig(dir: string, uses: readonly string[] = ["$.storage"]): Config | undefined {
  const loaded = loadConfig(dir, { requireSecrets: uses });
  if (loaded.ok) return loaded.config;
  process.stderr.write(`atrium: the config in ${dir} has ${loaded.issues.length} problem(s):\n`);
  for (const issue of loaded.issues) process.stderr.write(`${formatIssue(issue)}\n`);
  return undefined;
}
