import type { ConfigIssue } from "./issues.js";
import type { ConfigFiles } from "./read-files.js";
import { checkTiers } from "../tiers/check-tiers.js";
import { checkAudit } from "../audit/check-audit.js";
import { checkIssuers } from "../policies/auth/check-issuers.js";

/**
 * Checks the files against each other: every name one file uses must be defined by another.
 * Each problem is reported where it can be fixed, with the alternatives that do exist; a name
 * that a file with problems of its own would define is not reported again (one mistake, one line).
 */
export function crossCheck(files: ConfigFiles, issues: ConfigIssue[]): void {
  const platform = files.platform;
  const resources = new Set(Object.keys(platform?.resources ?? {}));
  const pools = platform?.pools ?? {};

  for (const [pool, settings] of Object.entries(pools)) {
    settings.members.forEach((m, i) => {
      if (!resources.has(m.resource)) {
        const at = settings.listForm ? `$.pools.${pool}[${i}]` : `$.pools.${pool}.members[${i}]`;
        issues.push({ file: "atrium.yaml", path: `${at}.resource`, message: unknown("resource", m.resource, resources) });
      }
    });
  }

  const deploymentsByName = new Map<string, Set<string>>();
  const seenDeployments = new Map<string, string>();
  for (const { file, data } of files.deployments) {
    if (platform && !resources.has(data.aoaiName)) {
      issues.push({ file, path: "$.aoaiName", message: unknown("resource", data.aoaiName, resources, "atrium.yaml resources") });
    }
    const key = `${data.aoaiName}/${data.deploymentName}`;
    const earlier = seenDeployments.get(key);
    if (earlier) issues.push({ file, path: "$.deploymentName", message: `deployment ${key} is already defined in ${earlier}` });
    seenDeployments.set(key, file);
    const at = deploymentsByName.get(data.deploymentName) ?? new Set<string>();
    at.add(data.aoaiName);
    deploymentsByName.set(data.deploymentName, at);
  }

  const consumers = new Map(files.consumers.map((c) => [c.data.consumerName, c]));
  const seenConsumers = new Map<string, string>();
  const appIds = new Map<string, string>();
  for (const { file, data } of files.consumers) {
    const earlier = seenConsumers.get(data.consumerName);
    if (earlier) issues.push({ file, path: "$.consumerName", message: `consumer ${data.consumerName} is already defined in ${earlier}` });
    seenConsumers.set(data.consumerName, file);
    data.constantAppIdIdentifiers.forEach((id, i) => {
      const owner = appIds.get(id);
      if (owner && owner !== data.consumerName) {
        issues.push({ file, path: `$.constantAppIdIdentifiers[${i}]`, message: `app id ${id} already belongs to consumer ${owner}` });
      }
      appIds.set(id, data.consumerName);
    });
  }

  const mapped = new Set<string>();
  for (const { file, data } of files.mappings) {
    const consumer = consumers.get(data.consumerName);
    if (!consumer && !files.unreadable.consumers.has(data.consumerName)) {
      issues.push({ file, path: "$.consumerName", message: unknown("consumer", data.consumerName, new Set(consumers.keys()), "consumers/") });
    }
    if (mapped.has(data.consumerName)) {
      issues.push({ file, path: "$.consumerName", message: `another mapping file already maps consumer ${data.consumerName}` });
    }
    mapped.add(data.consumerName);
    const asked = new Set(consumer?.data.models.map((m) => m.deploymentName) ?? []);
    const outside = new Set<string>();
    data.requirements.forEach((r, i) => {
      const at = `$.requirements[${i}]`;
      if (outside.has(r.outsideDeploymentName)) {
        issues.push({ file, path: `${at}.outsideDeploymentName`, message: `${r.outsideDeploymentName} is mapped twice` });
      }
      outside.add(r.outsideDeploymentName);
      if (consumer && !asked.has(r.outsideDeploymentName)) {
        issues.push({
          file,
          path: `${at}.outsideDeploymentName`,
          message: `${r.outsideDeploymentName} is not a deployment ${consumer.file} asks for (it asks for: ${list(asked)})`,
        });
      }
      const hosts = deploymentsByName.get(r.platformTeamDeploymentMapping);
      if (!hosts && !files.unreadable.deployments.has(r.platformTeamDeploymentMapping)) {
        issues.push({
          file,
          path: `${at}.platformTeamDeploymentMapping`,
          message: unknown("deployment", r.platformTeamDeploymentMapping, new Set(deploymentsByName.keys()), "deployments/"),
        });
      }
      const members = pools[r.platformTeamPoolMapping]?.members;
      if (!members) {
        if (platform) {
          issues.push({
            file,
            path: `${at}.platformTeamPoolMapping`,
            message: unknown("pool", r.platformTeamPoolMapping, new Set(Object.keys(pools)), "atrium.yaml pools"),
          });
        }
      } else if (hosts && !members.some((m) => hosts.has(m.resource))) {
        issues.push({
          file,
          path: `${at}.platformTeamPoolMapping`,
          message: `no member of pool ${r.platformTeamPoolMapping} (${members.map((m) => m.resource).join(", ")}) hosts deployment ${r.platformTeamDeploymentMapping} (it is on: ${list(hosts)})`,
        });
      }
    });
    consumer?.data.models.forEach((m, i) => {
      if (!outside.has(m.deploymentName)) {
        issues.push({
          file: consumer.file,
          path: `$.models[${i}].deploymentName`,
          message: `asks for ${m.deploymentName}, which ${file} does not map (it maps: ${list(outside)})`,
        });
      }
    });
  }
  platform?.auth.keys.forEach((k, i) => {
    if (!consumers.has(k.consumer) && !files.unreadable.consumers.has(k.consumer)) {
      issues.push({ file: "atrium.yaml", path: `$.auth.keys[${i}].consumer`, message: unknown("consumer", k.consumer, new Set(consumers.keys()), "consumers/") });
    }
  });
  // Replicas sharing PostgreSQL must hash keys with one secret; a generated per-folder one would differ.
  if (platform?.storage.kind === "postgres" && platform.auth.keySecret === undefined) {
    issues.push({ file: "atrium.yaml", path: "$.auth.keySecret", message: "required when storage is postgres (e.g. keySecret: ${ATRIUM_KEY_SECRET})" });
  }
  for (const { file, data } of files.consumers) {
    if (!mapped.has(data.consumerName) && !files.unreadable.mappings.has(data.consumerName)) {
      issues.push({ file, path: "$.consumerName", message: `no file in mappings/ maps consumer ${data.consumerName}` });
    }
  }
  checkTiers(files, issues);
  checkAudit(files, issues);
  checkIssuers(files, issues);
}

function unknown(kind: string, name: string, known: ReadonlySet<string>, where = ""): string {
  const suffix = where ? ` in ${where}` : "";
  return `unknown ${kind} ${name}${suffix} (known: ${list(known)})`;
}

function list(names: ReadonlySet<string>): string {
  return names.size === 0 ? "none" : [...names].sort().join(", ");
}
