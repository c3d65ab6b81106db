import type { Environment } from "../core/catalog.js";
import { parseDeployAt } from "../config/deploy-at.js";
import type { ConfigFiles } from "../config/read-files.js";

export interface DeploymentPlanRow {
  readonly deployment: string;
  readonly pool: string;
  /** kTPM by type across the pool members that host the deployment. */
  readonly ptuCapacity: number;
  readonly paygCapacity: number;
  /** Σ of the consumers' thousandsOfTokens mapped to this deployment through this pool. */
  readonly demand: number;
  readonly consumers: readonly string[];
  readonly flags: readonly string[];
}

export interface UnmappedRequest {
  readonly consumer: string;
  readonly deploymentName: string;
  readonly file: string;
}

/** Demand once a request that is not live yet goes live (its `deployAt` is in the future). */
export interface GoLivePlan {
  /** ISO 8601, UTC. */
  readonly at: string;
  /** Who goes live then: consumer and the deployment name they asked for. */
  readonly goingLive: readonly { readonly consumer: string; readonly deploymentName: string }[];
  readonly rows: readonly DeploymentPlanRow[];
}

export interface CapacityPlan {
  readonly environment: Environment;
  /** Demand now: the requests whose deployAt has passed. */
  readonly rows: readonly DeploymentPlanRow[];
  readonly unmapped: readonly UnmappedRequest[];
  /** One per distinct future deployAt, in time order, each with every request live by then. */
  readonly goLives: readonly GoLivePlan[];
  /** Now or at any go-live: capacity that will not cover demand must show in review before it does. */
  readonly overSubscribed: boolean;
}

/**
 * Demand against capacity for one environment, now and at each future go-live. Demand that
 * exceeds PTU spills to PAYG; demand that exceeds both is over-subscription. Requests without a
 * mapping, and mappings to nothing, are listed so they are not silently left out of the sums.
 */
export function capacityPlan(files: ConfigFiles, environment: Environment, nowMs = Date.now()): CapacityPlan {
  const future = new Map<number, { consumer: string; deploymentName: string }[]>();
  for (const { data: consumer } of files.consumers) {
    for (const model of consumer.models) {
      const at = liveFrom(model.environments[environment]?.deployAt);
      if (at === undefined || at <= nowMs) continue;
      future.set(at, [...(future.get(at) ?? []), { consumer: consumer.consumerName, deploymentName: model.deploymentName }]);
    }
  }
  const now = demandAt(files, environment, nowMs);
  const goLives = [...future.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, goingLive]) => ({ at: new Date(at).toISOString(), goingLive, rows: demandAt(files, environment, at).rows }));
  const over = (rows: readonly DeploymentPlanRow[]) => rows.some((r) => r.flags.includes("OVER-SUBSCRIBED") || r.flags.includes("NO CAPACITY"));
  return { environment, rows: now.rows, unmapped: now.unmapped, goLives, overSubscribed: over(now.rows) || goLives.some((g) => over(g.rows)) };
}

function liveFrom(deployAt: string | undefined): number | undefined {
  return deployAt === undefined ? undefined : parseDeployAt(deployAt);
}

/** The rows for the requests live at `atMs` (deployAt at or before it). */
function demandAt(files: ConfigFiles, environment: Environment, atMs: number): { rows: DeploymentPlanRow[]; unmapped: UnmappedRequest[] } {
  const pools = files.platform?.pools ?? {};
  const rows = new Map<string, { deployment: string; pool: string; demand: number; consumers: string[] }>();
  const unmapped: UnmappedRequest[] = [];
  for (const { file, data: consumer } of files.consumers) {
    const mapping = files.mappings.find((m) => m.data.consumerName === consumer.consumerName);
    for (const model of consumer.models) {
      const grant = model.environments[environment];
      if (!grant || (liveFrom(grant.deployAt) ?? 0) > atMs) continue;
      const req = mapping?.data.requirements.find((r) => r.outsideDeploymentName === model.deploymentName);
      if (!req) {
        unmapped.push({ consumer: consumer.consumerName, deploymentName: model.deploymentName, file });
        continue;
      }
      const key = `${req.platformTeamDeploymentMapping}\u0000${req.platformTeamPoolMapping}`;
      const row = rows.get(key) ?? { deployment: req.platformTeamDeploymentMapping, pool: req.platformTeamPoolMapping, demand: 0, consumers: [] };
      row.demand += grant.thousandsOfTokens;
      row.consumers.push(consumer.consumerName);
      rows.set(key, row);
    }
  }
  const out: DeploymentPlanRow[] = [];
  for (const row of rows.values()) {
    const members = new Set((pools[row.pool]?.members ?? []).map((m) => m.resource));
    let ptu = 0;
    let payg = 0;
    for (const { data: d } of files.deployments) {
      if (d.deploymentName !== row.deployment || !members.has(d.aoaiName)) continue;
      if (d.deploymentType === "PTU") ptu += d.thousandsOfTokensPerMinute;
      else payg += d.thousandsOfTokensPerMinute;
    }
    const flags: string[] = [];
    if (ptu + payg === 0) flags.push("NO CAPACITY");
    else if (row.demand > ptu + payg) flags.push("OVER-SUBSCRIBED");
    else if (ptu > 0 && row.demand > ptu) flags.push("SPILLS TO PAYG");
    out.push({ ...row, ptuCapacity: ptu, paygCapacity: payg, flags });
  }
  out.sort((a, b) => a.deployment.localeCompare(b.deployment) || a.pool.localeCompare(b.pool));
  return { rows: out, unmapped };
}
