import { resolve } from "node:path";
import type { Environment } from "../core/catalog.js";
import { buildConfig } from "./build.js";
import type { Config } from "./config.js";
import { crossCheck } from "./cross-check.js";
import type { RequiredSecrets } from "./interpolate.js";
import { isWarning, type ConfigIssue } from "./issues.js";
import { readConfigFiles, type ConfigFiles } from "./read-files.js";

export interface LoadOptions {
  /** Overrides `environment:` (the `--env` flag). */
  readonly environment?: Environment;
  /**
   * Unset secrets are errors when serving (true, the default), warnings when only validating or
   * planning (false), and errors only under the given JSON paths for verbs that use a few.
   */
  readonly requireSecrets?: RequiredSecrets;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type LoadResult =
  | { readonly ok: true; readonly config: Config; readonly files: ConfigFiles; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[]; readonly files: ConfigFiles; readonly warnings: readonly ConfigIssue[] };

/**
 * Reads a config folder once and reports every problem in it together, or returns a frozen Config.
 * Warnings (likely typos, secrets not set where they are not needed) never make it invalid.
 */
export function loadConfig(dir: string, options: LoadOptions = {}): LoadResult {
  const root = resolve(dir);
  const found: ConfigIssue[] = [];
  const files = readConfigFiles(root, { env: options.env ?? process.env, requireSecrets: options.requireSecrets ?? true }, found);
  crossCheck(files, found);
  const issues = found.filter((i) => !isWarning(i));
  const warnings = found.filter(isWarning);
  if (issues.length > 0 || !files.platform) return { ok: false, issues, files, warnings };
  const environment = options.environment ?? files.platform.environment;
  return { ok: true, config: buildConfig(root, files.platform, files, environment), files, warnings };
}
