import { after } from "node:test";
import { standardConfig, type ConfigFolder, type StandardOptions } from "../support/config-dir.js";
import { REDIS_URL, RUN_PREFIX, redisForTests } from "../limits/redis-connection.js";

export { TEST_KEY, OTHER_KEY } from "../support/config-dir.js";

export interface LimitFolderOptions extends StandardOptions {
  /** team-a's `thousandsOfTokens` for gpt35 in every environment (standardConfig: 100). */
  grantK?: number;
  /** Capacity (`thousandsOfTokensPerMinute`) of chat-deploy on each resource (standardConfig: 100). */
  deploymentK?: number;
  /** A `tier` field in team-a's consumer file. */
  teamATier?: string;
  tiers?: Record<string, unknown>;
}

/** standardConfig with the figures limit tests need; `extraPlatform` carries limits/tiers/budgets/state. */
export function limitFolder(options: LimitFolderOptions = {}): ConfigFolder {
  const folder = standardConfig({ ...options, extraPlatform: { ...options.extraPlatform } });
  const consumer = folder.consumers!["team-a.json"] as { models: Array<{ deploymentName: string; environments: Record<string, { thousandsOfTokens: number }> }>; tier?: string };
  if (options.grantK !== undefined) {
    for (const grant of Object.values(consumer.models.find((m) => m.deploymentName === "gpt35")!.environments)) grant.thousandsOfTokens = options.grantK;
  }
  if (options.teamATier !== undefined) consumer.tier = options.teamATier;
  if (options.deploymentK !== undefined) {
    for (const [name, d] of Object.entries(folder.deployments!)) {
      if (name.endsWith("-chat.json")) (d as { thousandsOfTokensPerMinute: number }).thousandsOfTokensPerMinute = options.deploymentK;
    }
  }
  if (options.tiers !== undefined) folder.tiers = options.tiers;
  return folder;
}

export interface Backend {
  readonly name: "memory" | "redis";
  readonly skip: string | false;
  /** A `state:` value; each call a fresh key space unless `shared` names one to reuse. */
  state(shared?: string): Record<string, unknown>;
}

const redis = await redisForTests();
after(() => redis.close());
let spaces = 0;

/** Both state backends; the Redis one is skipped (locally) when no Redis answers. Keys are deleted after the run. */
export const BACKENDS: readonly Backend[] = [
  { name: "memory", skip: false, state: () => ({ kind: "memory" }) },
  {
    name: "redis",
    skip: redis.skip,
    state: (shared) => ({ kind: "redis", url: REDIS_URL, prefix: `${RUN_PREFIX}${shared ?? `gw${spaces++}`}:` }),
  },
];

export interface Answer {
  status: number;
  headers: Headers;
  json: {
    error?: { code?: string; message?: string; type?: string };
    usage?: { prompt_tokens: number; completion_tokens?: number; total_tokens: number };
  };
}

export async function post(url: string, path: string, key: string, body: unknown, signal?: AbortSignal): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: signal ?? null,
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Answer["json"] };
}

export const chat = (url: string, key: string, body: Record<string, unknown>): Promise<Answer> =>
  post(url, "/v1/chat/completions", key, { model: "gpt35", messages: [{ role: "user", content: "Say hello" }], ...body });

/** A header as a number (NaN when absent). */
export function num(headers: Headers, name: string): number {
  const v = headers.get(name);
  return v === null ? NaN : Number(v);
}
