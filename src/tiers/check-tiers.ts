import { egressAllows, egressSet } from "../config/egress-allow.js";
import { jsonPath, type ConfigIssue, type PathSegment } from "../config/issues.js";
import type { ConfigFiles } from "../config/read-files.js";
import type { BudgetFile } from "./tier-schema.js";

/**
 * Cross-file checks of tiers and budgets: every tier a file names exists, every consumer
 * `tiers.consumers` names exists, and every alert webhook's origin is in `egress.allowHosts`
 * (Atrium connects only where config says it may; a webhook is named on purpose, twice).
 */
export function checkTiers(files: ConfigFiles, issues: ConfigIssue[]): void {
  const tiers = new Set(files.tiers.map((t) => t.name));
  const known = tiers.size === 0 ? "none; add files to tiers/" : [...tiers].sort().join(", ");
  const platform = files.platform;
  const allowed = egressSet([], platform?.egress.allowHosts ?? []);
  const checkWebhook = (file: string, path: PathSegment[], budget: BudgetFile | null | undefined): void => {
    const url = budget?.alertWebhook;
    if (!url || !platform) return;
    const origin = new URL(url).origin;
    if (!egressAllows(allowed, origin)) {
      issues.push({ file, path: jsonPath([...path, "alertWebhook"]), message: `${origin} is not in egress.allowHosts; add it there to allow alerts to it` });
    }
  };

  for (const t of files.tiers) checkWebhook(t.file, ["budget"], t.data.budget);

  if (platform) {
    const settings = platform.tiers;
    if (settings.default !== undefined && !tiers.has(settings.default)) {
      issues.push({ file: "atrium.yaml", path: "$.tiers.default", message: `unknown tier ${settings.default} (known: ${known})` });
    }
    const consumers = new Set(files.consumers.map((c) => c.data.consumerName));
    for (const [name, choice] of Object.entries(settings.consumers)) {
      const at: PathSegment[] = ["tiers", "consumers", name];
      if (!consumers.has(name)) {
        issues.push({ file: "atrium.yaml", path: jsonPath(at), message: `unknown consumer ${name} in consumers/` });
      }
      const tier = typeof choice === "string" ? choice : choice.tier;
      if (tier !== undefined && !tiers.has(tier)) {
        issues.push({ file: "atrium.yaml", path: jsonPath(typeof choice === "string" ? at : [...at, "tier"]), message: `unknown tier ${tier} (known: ${known})` });
      }
      if (typeof choice !== "string") checkWebhook("atrium.yaml", [...at, "budget"], choice.budget);
    }
    for (const [centre, budget] of Object.entries(platform.budgets.costCentres)) {
      checkWebhook("atrium.yaml", ["budgets", "costCentres", centre], budget);
    }
  }

  for (const { file, data } of files.consumers) {
    if (data.tier !== undefined && !tiers.has(data.tier)) {
      issues.push({ file, path: "$.tier", message: `unknown tier ${data.tier} (known: ${known})` });
    }
  }
}
