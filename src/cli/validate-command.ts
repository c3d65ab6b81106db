import { formatIssue } from "../config/issues.js";
import { loadConfig } from "../config/load.js";

/** Secrets are not required: a pull request check has no production keys. */
export function validateCommand(dir: string): number {
  const result = loadConfig(dir, { requireSecrets: false });
  if (!result.ok) {
    for (const issue of result.issues) process.stdout.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`${result.issues.length} problem(s) in ${dir}\n`);
    return 1;
  }
  const { files } = result;
  process.stdout.write(
    `${dir} is valid: ${files.deployments.length} deployment(s), ${files.consumers.length} consumer(s), ${files.mappings.length} mapping(s)\n`,
  );
  return 0;
}
