import { parseDeployAt } from "../config/deploy-at.js";
import { formatIssue } from "../config/issues.js";
import { loadConfig } from "../config/load.js";
import type { ConfigFiles } from "../config/read-files.js";
import { ENVIRONMENTS } from "../core/catalog.js";

/**
 * Secrets are not required: a pull request check has no production keys, so an unset variable is
 * a warning. Exit 1 on problems; warnings and requests not live yet are printed but pass.
 */
export function validateCommand(dir: string, nowMs = Date.now()): number {
  const result = loadConfig(dir, { requireSecrets: false });
  if (!result.ok) {
    for (const issue of [...result.issues, ...result.warnings]) process.stdout.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`${result.issues.length} problem(s) and ${result.warnings.length} warning(s) in ${dir}\n`);
    return 1;
  }
  for (const warning of result.warnings) process.stdout.write(`${formatIssue(warning)}\n`);
  const { files } = result;
  const warned = result.warnings.length > 0 ? ` (${result.warnings.length} warning(s))` : "";
  process.stdout.write(
    `${dir} is valid: ${files.deployments.length} deployment(s), ${files.consumers.length} consumer(s), ${files.mappings.length} mapping(s)${warned}\n`,
  );
  for (const line of notLiveYet(files, nowMs)) process.stdout.write(`${line}\n`);
  return 0;
}

/** One line per consumer request whose deployAt is still ahead: when it goes live, and where. */
function notLiveYet(files: ConfigFiles, nowMs: number): string[] {
  const lines: { at: number; text: string }[] = [];
  for (const { file, data } of files.consumers) {
    data.models.forEach((model, i) => {
      for (const env of ENVIRONMENTS) {
        const at = parseDeployAt(model.environments[env]?.deployAt ?? "");
        if (at === undefined || at <= nowMs) continue;
        const text = `${file} $.models[${i}].environments.${env}.deployAt: ${data.consumerName} ${model.deploymentName} goes live in ${env} at ${new Date(at).toISOString()}`;
        lines.push({ at, text });
      }
    });
  }
  if (lines.length === 0) return [];
  return ["Not live yet:", ...lines.sort((a, b) => a.at - b.at).map((l) => `  ${l.text}`)];
}
