import { test } from "node:test";
import assert from "node:assert/strict";
import { standardConfig, writeConfigDir } from "../support/config-dir.js";
import { runCli } from "../support/run-cli.js";

test("plan prints demand against capacity and flags over-subscription", () => {
  const folder = standardConfig({
    resources: { ptu: { provider: "sim" }, payg: { provider: "sim" } },
    pool: [{ resource: "ptu", priority: 1 }, { resource: "payg", priority: 2 }],
    types: { ptu: "PTU", payg: "PAYG" },
  });
  // team-a asks 100 kTPM and team-b 10 of chat-deploy; capacity is 100 PTU + 100 PAYG, so shrink it.
  const deployments = folder.deployments as Record<string, Record<string, unknown>>;
  deployments["ptu-chat.json"]!["thousandsOfTokensPerMinute"] = 60;
  deployments["payg-chat.json"]!["thousandsOfTokensPerMinute"] = 30;
  const { dir, remove } = writeConfigDir(folder);
  try {
    const r = runCli(["plan", dir, "--env", "prod"]);
    assert.equal(r.status, 2, r.stderr);
    const row = r.stdout.split("\n").find((l) => l.startsWith("chat-deploy"));
    assert.ok(row, r.stdout);
    assert.match(row, /chat-deploy\s+chat-pool\s+60\s+30\s+110\s+122%\s+OVER-SUBSCRIBED\s+team-a, team-b/);
    assert.match(r.stdout, /OVER-SUBSCRIBED: demand exceeds capacity/);
    const json = JSON.parse(runCli(["plan", dir, "--env", "prod", "--format", "json"]).stdout) as { rows: Array<{ deployment: string; demand: number; ptuCapacity: number }> };
    assert.deepEqual(json.rows.find((x) => x.deployment === "chat-deploy")?.demand, 110);
  } finally {
    remove();
  }
});

test("plan shows spill to PAYG and lists requests that have no mapping", () => {
  const folder = standardConfig({
    resources: { ptu: { provider: "sim" }, payg: { provider: "sim" } },
    types: { ptu: "PTU", payg: "PAYG" },
  });
  const consumers = folder.consumers as Record<string, { models: unknown[] }>;
  consumers["team-b.json"]!.models.push({ deploymentName: "unmapped-one", modelName: "gpt-4", environments: { dev: { thousandsOfTokens: 5, deployAt: "2024-01-01" } } });
  const { dir, remove } = writeConfigDir(folder);
  try {
    const r = runCli(["plan", dir]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /chat-deploy\s+chat-pool\s+100\s+100\s+110\s+55%\s+SPILLS TO PAYG/);
    assert.match(r.stdout, /team-b: unmapped-one \(consumers\/team-b\.json\)/);
  } finally {
    remove();
  }
});
