import type { Consumer, Deployment, Environment, EnvironmentGrant, Pool, Resource, Route, Target } from "../core/catalog.js";
import { ENVIRONMENTS } from "../core/catalog.js";
import { DEFAULT_ANTHROPIC_VERSION, DEFAULT_UPSTREAM_API_VERSION } from "./api-versions.js";
import { buildPool, rankTargets } from "./build-pool.js";
import { egressSet } from "./egress-allow.js";
import { clientCredentials } from "../providers/entra-settings.js";
import { identityEndpoints } from "../policies/auth/identity-endpoints.js";
import { consumersByIssuer } from "../policies/auth/issuer-bindings.js";
import type { Config } from "./config.js";
import { parseDeployAt } from "./deploy-at.js";
import type { ConfigFiles } from "./read-files.js";
import type { PlatformFile } from "./schema.js";
import { tierCatalog } from "../tiers/tier-catalog.js";

/** Turns checked files into the indexed runtime shapes. Only called when there are no issues. */
export function buildConfig(dir: string, platform: PlatformFile, files: ConfigFiles, environment: Environment): Config {
  const resources = new Map<string, Resource>();
  for (const [id, r] of Object.entries(platform.resources)) {
    resources.set(id, {
      id,
      provider: r.provider,
      endpoint: r.endpoint?.replace(/\/+$/, ""),
      apiKey: r.apiKey === "" ? undefined : r.apiKey,
      entra: r.auth ? clientCredentials(r.auth) : undefined,
      apiVersion: r.apiVersion ?? (r.provider === "anthropic" ? DEFAULT_ANTHROPIC_VERSION : DEFAULT_UPSTREAM_API_VERSION),
      sim: { latencyMs: r.latencyMs, tokensPerSecond: r.tokensPerSecond, embeddingDimensions: r.embeddingDimensions },
    });
  }
  const deployments: Deployment[] = files.deployments.map(({ file, data }) => ({
    file,
    resource: data.aoaiName,
    name: data.deploymentName,
    type: data.deploymentType,
    model: data.model,
    modelVersion: data.modelVersion,
    upstreamModel: data.upstreamModel,
    tokensPerMinute: data.thousandsOfTokensPerMinute * 1000,
  }));

  const pools = new Map<string, Pool>(Object.entries(platform.pools).map(([name, file]) => [name, buildPool(name, file)]));
  const poolFor = (name: string): Pool => pools.get(name) ?? buildPool(name, undefined);
  const targetsFor = (pool: string, deploymentName: string): Target[] => {
    const out: Omit<Target, "tier">[] = [];
    for (const m of platform.pools[pool]?.members ?? []) {
      const resource = resources.get(m.resource);
      const deployment = deployments.find((d) => d.resource === m.resource && d.name === deploymentName);
      // A member that does not host the deployment cannot serve it; validate names the gap.
      if (resource && deployment) {
        out.push({ id: `${m.resource}/${deploymentName}`, resource, deployment, priority: m.priority, weight: m.weight });
      }
    }
    return rankTargets(out, poolFor(pool));
  };

  const tiers = tierCatalog(platform.tiers, files.tiers);
  const consumers = new Map<string, Consumer>();
  const consumersByAppId = new Map<string, Consumer>();
  for (const { data } of files.consumers) {
    const mapping = files.mappings.find((m) => m.data.consumerName === data.consumerName);
    const routes = new Map<string, Route>();
    for (const r of mapping?.data.requirements ?? []) {
      const asked = data.models.find((m) => m.deploymentName === r.outsideDeploymentName);
      const environments: Partial<Record<Environment, EnvironmentGrant>> = {};
      for (const env of ENVIRONMENTS) {
        const grant = asked?.environments[env];
        if (grant) {
          environments[env] = {
            tokensPerMinute: grant.thousandsOfTokens * 1000,
            liveAtMs: parseDeployAt(grant.deployAt) ?? Number.POSITIVE_INFINITY,
          };
        }
      }
      const targets = targetsFor(r.platformTeamPoolMapping, r.platformTeamDeploymentMapping);
      routes.set(r.outsideDeploymentName, {
        consumer: data.consumerName,
        outsideName: r.outsideDeploymentName,
        platformDeployment: r.platformTeamDeploymentMapping,
        pool: r.platformTeamPoolMapping,
        poolSettings: poolFor(r.platformTeamPoolMapping),
        model: asked?.modelName ?? targets[0]?.deployment.model ?? r.platformTeamDeploymentMapping,
        contentSafety: asked?.contentSafety,
        environments,
        targets,
      });
    }
    const consumer: Consumer = {
      name: data.consumerName,
      costCentre: data.costCentre,
      contactEmail: data.contactEmail,
      appIds: data.constantAppIdIdentifiers,
      tier: tiers.forConsumer(data.consumerName, data.tier),
      routes,
    };
    consumers.set(consumer.name, consumer);
    for (const id of consumer.appIds) consumersByAppId.set(id, consumer);
  }

  return deepFreeze({
    dir,
    environment,
    listen: platform.listen,
    resources,
    deployments,
    consumers,
    consumersByAppId,
    consumersByIssuer: consumersByIssuer(platform.auth.issuers, consumers.values()),
    apiVersions: platform.api.versions,
    maxBodyBytes: platform.api.maxBodyBytes,
    maxJsonDepth: platform.api.maxJsonDepth,
    bodyIdleMs: platform.server.bodyIdleTimeoutSeconds * 1000,
    enabledRoutes: platform.api.enabledRoutes,
    cors: corsFor(platform.cors, environment),
    egress: egressSet([...[...resources.values()].map((r) => r.endpoint), ...identityEndpoints(platform)], platform.egress.allowHosts),
    staticKeys: platform.auth.keys.map((k) => ({ key: k.key, consumer: k.consumer, environment: k.environment })),
    platform,
    files,
  });
}

function corsFor(cors: PlatformFile["cors"], environment: Environment): Config["cors"] {
  const origins = cors?.origins[environment];
  return cors && origins && origins.length > 0 ? { origins, maxAgeSeconds: cors.maxAgeSeconds } : undefined;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
  } else {
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return Object.freeze(value);
}
