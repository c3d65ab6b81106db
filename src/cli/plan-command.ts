import { loadConfig } from "../config/load.js";
import type { Environment } from "../core/catalog.js";
import { capacityPlan } from "../planning/capacity-plan.js";
import { formatPlan } from "./plan-table.js";

/**
 * Plans even a folder with problems (that is when a plan helps most) and without secrets (a CI
 * job has none); exit 2 when over-subscribed now or at a future go-live.
 */
export function planCommand(dir: string, env: Environment | undefined, format: string): number {
  const result = loadConfig(dir, { requireSecrets: false });
  const environment = env ?? result.files.platform?.environment ?? "dev";
  const plan = capacityPlan(result.files, environment);
  process.stdout.write(format === "json" ? `${JSON.stringify(plan, null, 2)}\n` : `${formatPlan(plan)}\n`);
  const problems = result.ok ? 0 : result.issues.length;
  if (problems > 0 || result.warnings.length > 0) {
    process.stderr.write(`note: ${problems} config problem(s) and ${result.warnings.length} warning(s); run \`atrium validate ${dir}\`\n`);
  }
  return plan.overSubscribed ? 2 : 0;
}
