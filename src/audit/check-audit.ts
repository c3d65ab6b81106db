import { egressAllows, egressSet } from "../config/egress-allow.js";
import { jsonPath, type ConfigIssue } from "../config/issues.js";
import type { ConfigFiles } from "../config/read-files.js";

/**
 * Cross-file checks of `audit:`: every consumer and tier it names exists, and the external
 * analyser is a host Atrium may connect to (prompts are sent there: it is named on purpose, twice).
 */
export function checkAudit(files: ConfigFiles, issues: ConfigIssue[]): void {
  const platform = files.platform;
  if (!platform) return;
  const audit = platform.audit;
  const consumers = new Set(files.consumers.map((c) => c.data.consumerName));
  for (const name of Object.keys(audit.consumers)) {
    if (!consumers.has(name)) issues.push({ file: "atrium.yaml", path: jsonPath(["audit", "consumers", name]), message: `unknown consumer ${name} in consumers/` });
  }
  const tiers = new Set(files.tiers.map((t) => t.name));
  for (const name of Object.keys(audit.tiers)) {
    // `default` is the built-in tier of consumers that name none.
    if (!tiers.has(name) && name !== "default") {
      issues.push({ file: "atrium.yaml", path: jsonPath(["audit", "tiers", name]), message: `unknown tier ${name} (known: ${[...tiers].sort().join(", ") || "none; add files to tiers/"})` });
    }
  }
  const analyzer = audit.externalAnalyzer;
  if (analyzer !== undefined) {
    const allowed = egressSet([], platform.egress.allowHosts);
    const origin = new URL(analyzer.url).origin;
    if (!egressAllows(allowed, origin)) {
      issues.push({ file: "atrium.yaml", path: "$.audit.externalAnalyzer.url", message: `${origin} is not in egress.allowHosts; add it there to send prompts to it` });
    }
  }
}
