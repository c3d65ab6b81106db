import type { CapacityPlan, DeploymentPlanRow } from "../planning/capacity-plan.js";

/** A fixed-width table a reviewer can read in a pull request comment: demand now, then at each go-live. */
export function formatPlan(plan: CapacityPlan): string {
  const out = [`Capacity plan for environment ${plan.environment}`, "", "Demand now:", ...table(plan.rows)];
  if (plan.unmapped.length > 0) {
    out.push("", "Requests with no mapping (not counted above):");
    for (const u of plan.unmapped) out.push(`  ${u.consumer}: ${u.deploymentName} (${u.file})`);
  }
  for (const g of plan.goLives) {
    const who = g.goingLive.map((x) => `${x.consumer} (${x.deploymentName})`).join(", ");
    out.push("", `From ${g.at}, when ${who} go${g.goingLive.length === 1 ? "es" : ""} live:`, ...table(g.rows));
  }
  out.push("", plan.overSubscribed ? "OVER-SUBSCRIBED: demand exceeds capacity on at least one deployment." : "Capacity covers demand.");
  return out.join("\n");
}

function table(rows: readonly DeploymentPlanRow[]): string[] {
  if (rows.length === 0) return ["  (no demand)"];
  const header = ["DEPLOYMENT", "POOL", "PTU kTPM", "PAYG kTPM", "DEMAND kTPM", "USE", "FLAGS", "CONSUMERS"];
  const body = rows.map((r) => {
    const capacity = r.ptuCapacity + r.paygCapacity;
    const use = capacity === 0 ? "-" : `${Math.round((r.demand / capacity) * 100)}%`;
    return [r.deployment, r.pool, num(r.ptuCapacity), num(r.paygCapacity), num(r.demand), use, r.flags.join(", ") || "ok", r.consumers.join(", ")];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
  return [line(header), ...body.map(line)];
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
