import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REQUEST_NUMBER } from "./wrk.js";

export const BENCH_KEY = "bench-key-0123456789abcdef";

/** The benchmark's chat request body for `model` (an outside or a platform deployment name). */
export function chatBody(model: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model, messages: [{ role: "user", content: "Say twenty words." }], ...extra });
}

/**
 * A RAG assistant's chat request: the same system prompt every time, then `chars` characters of
 * retrieved context that no other request sends (wrk numbers it), so its tokens are counted anew.
 */
export function ragChatBody(model: string, chars: number): string {
  const passage = "The retrieval step found these passages about the platform's chargeback rules and quotas. ";
  const context = passage.repeat(Math.ceil(chars / passage.length)).slice(0, chars);
  const system = "You answer questions about the platform from the context below. Quote the passage you rely on; if the context does not answer the question, say so and do not guess.";
  return JSON.stringify({ model, messages: [{ role: "system", content: system }, { role: "user", content: `[${REQUEST_NUMBER}] ${context}` }] });
}

/**
 * The benchmark's platform: one openai-compatible resource (the fake upstream), one consumer with
 * every outside name the scenarios use, and the full policy chain switched on.
 */
export function benchConfigDir(upstreamUrl: string): string {
  const dir = mkdtempSync(join(tmpdir(), "atrium-bench-"));
  const deployments = ["bench-chat", "bench-stream-0", "bench-stream-5", "bench-stream-5x100", "bench-embed", "bench-embed-1536"];
  const outside: Record<string, string> = {
    chat: "bench-chat",
    "stream-0": "bench-stream-0",
    "stream-5": "bench-stream-5",
    "stream-5x100": "bench-stream-5x100",
    embed: "bench-embed",
    "embed-1536": "bench-embed-1536",
    "claude-stream-5": "bench-claude-stream-5",
    "claude-stream-5x100": "bench-claude-stream-5x100",
  };
  // The same fake upstream, spoken to as Anthropic: its streams go through the translation.
  const claude = ["bench-claude-stream-5", "bench-claude-stream-5x100"];
  const platform = {
    environment: "dev",
    resources: { up: { provider: "openai-compatible", endpoint: `${upstreamUrl}/v1` }, claude: { provider: "anthropic", endpoint: upstreamUrl, apiKey: "bench" } },
    pools: { pool: [{ resource: "up", priority: 1, weight: 1 }], "claude-pool": [{ resource: "claude", priority: 1, weight: 1 }] },
    auth: { keys: [{ key: BENCH_KEY, consumer: "bench" }] },
    log: { level: "info" },
    // Full chain: audit captures every prompt and response and redacts them before storage.
    audit: { defaultMode: "redacted" },
  };
  writeFileSync(join(dir, "atrium.yaml"), JSON.stringify(platform, null, 2));
  for (const sub of ["deployments", "consumers", "mappings"]) mkdirSync(join(dir, sub));
  for (const name of [...deployments, ...claude]) {
    writeFileSync(
      join(dir, "deployments", `${name}.json`),
      JSON.stringify({ aoaiName: claude.includes(name) ? "claude" : "up", deploymentName: name, deploymentType: "PAYG", model: "gpt-35-turbo", thousandsOfTokensPerMinute: 1_000_000 }),
    );
  }
  const grant = { thousandsOfTokens: 1_000_000, deployAt: "2024-01-01T00:00:00Z" };
  writeFileSync(
    join(dir, "consumers", "bench.json"),
    JSON.stringify({
      consumerName: "bench",
      costCentre: "0000",
      models: Object.keys(outside).map((name) => ({ deploymentName: name, modelName: "gpt-35-turbo", environments: { dev: grant } })),
    }),
  );
  writeFileSync(
    join(dir, "mappings", "bench.json"),
    JSON.stringify({
      consumerName: "bench",
      requirements: Object.entries(outside).map(([o, p]) => ({ outsideDeploymentName: o, platformTeamDeploymentMapping: p, platformTeamPoolMapping: claude.includes(p) ? "claude-pool" : "pool" })),
    }),
  );
  return dir;
}
