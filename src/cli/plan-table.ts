import type { CapacityPlan } from "../planning/capacity-plan.js";

/** A fixed-width table a reviewer can read in a pull request comment. */
export function formatPlan(plan: CapacityPlan): string {
  const header = ["DEPLOYMENT", "POOL", "PTU kTPM", "PAYG kTPM", "DEMAND kTPM", "USE", "FLAGS", "CONSUMERS"];
  const body = plan.rows.map((r) => {
    const capacity = r.ptuCapacity + r.paygCapacity;
    const use = capacity === 0 ? "-" : `${Math.round((r.demand / capacity) * 100)}%`;
    return [r.deployment, r.pool, num(r.ptuCapacity), num(r.paygCapacity), num(r.demand), use, r.flags.join(", ") || "ok", r.consumers.join(", ")];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
  const out = [`Capacity plan for environment ${plan.environment}`, "", line(header), ...body.map(line)];
  if (plan.unmapped.length > 0) {
    out.push("", "Requests with no mapping (not counted above):");
    for (const u of plan.unmapped) out.push(`  ${u.consumer}: ${u.deploymentName} (${u.file})`);
  }
  out.push("", plan.overSubscribed ? "OVER-SUBSCRIBED: demand exceeds capacity on at least one deployment." : "Capacity covers demand.");
  return out.join("\n");
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
