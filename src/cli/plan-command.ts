import { loadConfig } from "../config/load.js";
import type { Environment } from "../core/catalog.js";
import { capacityPlan } from "../planning/capacity-plan.js";
import { formatPlan } from "./plan-table.js";

/** Plans even a folder with problems (that is when a plan helps most); exit 2 when over-subscribed. */
export function planCommand(dir: string, env: Environment | undefined, format: string): number {
  const result = loadConfig(dir, { requireSecrets: false });
  const environment = env ?? result.files.platform?.environment ?? "dev";
  const plan = capacityPlan(result.files, environment);
  process.stdout.write(format === "json" ? `${JSON.stringify(plan, null, 2)}\n` : `${formatPlan(plan)}\n`);
  if (!result.ok) process.stderr.write(`note: ${result.issues.length} config problem(s); run \`atrium validate ${dir}\`\n`);
  return plan.overSubscribed ? 2 : 0;
}
