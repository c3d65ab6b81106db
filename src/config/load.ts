import { resolve } from "node:path";
import type { Environment } from "../core/catalog.js";
import { buildConfig } from "./build.js";
import type { Config } from "./config.js";
import { crossCheck } from "./cross-check.js";
import type { ConfigIssue } from "./issues.js";
import { readConfigFiles, type ConfigFiles } from "./read-files.js";
import { checkContentSafety } from "../safety/read-levels.js";

export interface LoadOptions {
  /** Overrides `environment:` (the `--env` flag). */
  readonly environment?: Environment;
  /** Unset secrets are issues when serving, blanks when only validating. Default true. */
  readonly requireSecrets?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type LoadResult =
  | { readonly ok: true; readonly config: Config; readonly files: ConfigFiles }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[]; readonly files: ConfigFiles };

/** Reads a config folder once and reports every problem in it together, or returns a frozen Config. */
export function loadConfig(dir: string, options: LoadOptions = {}): LoadResult {
  const root = resolve(dir);
  const issues: ConfigIssue[] = [];
  const files = readConfigFiles(root, { env: options.env ?? process.env, requireSecrets: options.requireSecrets ?? true }, issues);
  crossCheck(files, issues);
  checkContentSafety(files.consumers, files.safetyLevels, issues);
  if (issues.length > 0 || !files.platform) return { ok: false, issues, files };
  const environment = options.environment ?? files.platform.environment;
  return { ok: true, config: buildConfig(root, files.platform, files, environment), files };
}
