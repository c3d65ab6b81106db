import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ConfigFolder {
  /** atrium.yaml content as an object (written as JSON, which is valid YAML) or raw text. */
  platform: Record<string, unknown> | string;
  deployments?: Record<string, unknown>;
  consumers?: Record<string, unknown>;
  mappings?: Record<string, unknown>;
  /** tiers/<name>.yaml: objects are written as JSON (valid YAML), strings as they are. */
  tiers?: Record<string, unknown>;
  /** safety/<level>.yaml: content-safety levels that replace or add to the shipped ones. */
  safety?: Record<string, unknown>;
}

/** Writes a config folder to a fresh temporary directory; `remove()` deletes it. */
export function writeConfigDir(folder: ConfigFolder): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "atrium-config-"));
  writeFileSync(join(dir, "atrium.yaml"), typeof folder.platform === "string" ? folder.platform : JSON.stringify(folder.platform, null, 2));
  if (folder.tiers) mkdirSync(join(dir, "tiers"));
  for (const [name, content] of Object.entries(folder.tiers ?? {})) {
    writeFileSync(join(dir, "tiers", name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  if (folder.safety) mkdirSync(join(dir, "safety"));
  for (const [name, content] of Object.entries(folder.safety ?? {})) {
    writeFileSync(join(dir, "safety", name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  for (const kind of ["deployments", "consumers", "mappings"] as const) {
    mkdirSync(join(dir, kind));
    for (const [name, content] of Object.entries(folder[kind] ?? {})) {
      writeFileSync(join(dir, kind, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StandardOptions {
  /** Resources by id; default one `sim` resource named `sim-a`. */
  resources?: Record<string, Record<string, unknown>>;
  /** Pool members of `chat-pool`; default every resource at priority 1. */
  pool?: Array<{ resource: string; priority?: number; weight?: number }>;
  /** Deployment type per resource (default PAYG). */
  types?: Record<string, "PTU" | "PAYG">;
  environment?: "dev" | "test" | "prod";
  extraPlatform?: Record<string, unknown>;
  deployAt?: string;
  /** team-a's gpt35 content-safety level; default "off", so no guard touches the wire under test (test/safety/ sets its own). */
  contentSafety?: string;
}

export const TEST_KEY = "test-key-team-a-0123456789";
export const OTHER_KEY = "test-key-team-b-0123456789";

/**
 * A small platform: consumer team-a (key TEST_KEY) calls `gpt35` (chat) and `embed` (embeddings),
 * consumer team-b (key OTHER_KEY) calls only `gpt4o`. All on `chat-deploy` / `embed-deploy`.
 */
export function standardConfig(options: StandardOptions = {}): ConfigFolder {
  const resources = options.resources ?? { "sim-a": { provider: "sim" } };
  const ids = Object.keys(resources);
  const pool = options.pool ?? ids.map((resource) => ({ resource, priority: 1, weight: 1 }));
  const deployments: Record<string, unknown> = {};
  for (const id of ids) {
    deployments[`${id}-chat.json`] = {
      aoaiName: id,
      deploymentName: "chat-deploy",
      deploymentType: options.types?.[id] ?? "PAYG",
      model: "gpt-35-turbo",
      modelVersion: "0613",
      thousandsOfTokensPerMinute: 100,
    };
    deployments[`${id}-embed.json`] = {
      aoaiName: id,
      deploymentName: "embed-deploy",
      deploymentType: "PAYG",
      model: "text-embedding-ada-002",
      thousandsOfTokensPerMinute: 100,
    };
  }
  const deployAt = options.deployAt ?? "2024-07-02T00:00:0000";
  const grant = (k: number) => ({
    dev: { thousandsOfTokens: k, deployAt },
    test: { thousandsOfTokens: k, deployAt },
    prod: { thousandsOfTokens: k, deployAt },
  });
  return {
    platform: {
      environment: options.environment ?? "dev",
      resources,
      pools: { "chat-pool": pool, "embed-pool": pool },
      auth: {
        keys: [
          { key: TEST_KEY, consumer: "team-a" },
          { key: OTHER_KEY, consumer: "team-b" },
        ],
      },
      log: { level: "silent" },
      // Tests kill processes, not machines: the page cache survives a kill -9, and fsync under a
      // disk busy with other suites (a million-row PostgreSQL insert) can stall responses for minutes.
      outbox: { fsync: "never" },
      ...options.extraPlatform,
    },
    deployments,
    consumers: {
      "team-a.json": {
        consumerName: "team-a",
        costCentre: "1001",
        constantAppIdIdentifiers: ["app-team-a"],
        models: [
          { deploymentName: "gpt35", modelName: "gpt-35-turbo", contentSafety: options.contentSafety ?? "off", environments: grant(100) },
          { deploymentName: "embed", modelName: "text-embedding-ada-002", environments: grant(100) },
        ],
      },
      "team-b.json": {
        consumerName: "team-b",
        costCentre: "2002",
        constantAppIdIdentifiers: ["app-team-b"],
        models: [{ deploymentName: "gpt4o", modelName: "gpt-35-turbo", environments: grant(10) }],
      },
    },
    mappings: {
      "team-a.json": {
        consumerName: "team-a",
        requirements: [
          { outsideDeploymentName: "gpt35", platformTeamDeploymentMapping: "chat-deploy", platformTeamPoolMapping: "chat-pool" },
          { outsideDeploymentName: "embed", platformTeamDeploymentMapping: "embed-deploy", platformTeamPoolMapping: "embed-pool" },
        ],
      },
      "team-b.json": {
        consumerName: "team-b",
        requirements: [{ outsideDeploymentName: "gpt4o", platformTeamDeploymentMapping: "chat-deploy", platformTeamPoolMapping: "chat-pool" }],
      },
    },
  };
}

/** The folder with team-a's gpt35 at another content-safety level (tests of the wire that no guard should touch). */
export function withContentSafety(folder: ConfigFolder, level: string): ConfigFolder {
  const consumers = folder.consumers as Record<string, { models: Array<{ contentSafety?: string }> }>;
  const model = consumers["team-a.json"]?.models[0];
  if (model) model.contentSafety = level;
  return folder;
}
