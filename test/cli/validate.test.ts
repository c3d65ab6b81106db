import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../support/run-cli.js";

const SEED = fileURLToPath(new URL("../fixtures/seed-platform", import.meta.url));
const PLATFORM = `
environment: dev
resources:
  graemeopenai: { provider: azure-openai, endpoint: https://graemeopenai.openai.azure.com, apiKey: "\${AOAI_KEY}" }
pools:
  graemeopenai-pool: [{ resource: graemeopenai, priority: 1, weight: 1 }]
  graemeopenai-embedding-pool: [{ resource: graemeopenai }]
`;

function seedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "atrium-seed-"));
  cpSync(SEED, dir, { recursive: true });
  writeFileSync(join(dir, "atrium.yaml"), PLATFORM);
  return dir;
}

test("validate reports each real mistake in the seed files with file and path, and exits 1", () => {
  const dir = seedCopy();
  try {
    const r = runCli(["validate", dir]);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split("\n");
    const has = (re: RegExp) => assert.ok(lines.some((l) => re.test(l)), `expected a line matching ${re}\n${r.stdout}`);
    has(/^consumers\/consumer-1\.json \$\.models\[1\]\.deploymentName: asks for gpt35-for-my-purpose, which mappings\/consumer-1\.json does not map \(it maps: gpt35, text-embedding-ada-002\)/);
    has(/^consumers\/consumer-1\.json \$\.models\[0\]\.deploymentName: asks for embeddings-for-my-purpose/);
    has(/^mappings\/consumer-1\.json \$\.requirements\[1\]\.outsideDeploymentName: gpt35 is not a deployment consumers\/consumer-1\.json asks for/);
    has(/^mappings\/consumer-1\.json \$\.requirements\[0\]\.platformTeamDeploymentMapping: unknown deployment text-embedding-ada-002 in deployments\/ \(known: testdeploy2\)/);
    assert.ok(!r.stdout.includes("deployAt"), "the deployAt form our users write is accepted");
    // An unset secret is not a problem for validate, only a warning that serve will need it.
    assert.match(r.stdout, /^atrium\.yaml \$\.resources\.graemeopenai\.apiKey: warning: environment variable AOAI_KEY is not set/m);
    assert.equal(lines.filter((l) => !l.includes(": warning: ")).length, 5, "the seed's known mistakes, each once");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a corrected copy of the seed files is valid and exits 0", () => {
  const dir = seedCopy();
  try {
    const consumerPath = join(dir, "consumers/consumer-1.json");
    const consumer = JSON.parse(readFileSync(consumerPath, "utf8")) as { models: Array<{ deploymentName: string }> };
    consumer.models[0]!.deploymentName = "text-embedding-ada-002";
    consumer.models[1]!.deploymentName = "gpt35";
    writeFileSync(consumerPath, JSON.stringify(consumer, null, 2));
    writeFileSync(
      join(dir, "deployments/text-embedding-ada-002.json"),
      JSON.stringify({ aoaiName: "graemeopenai", deploymentName: "text-embedding-ada-002", deploymentType: "PAYG", model: "text-embedding-ada-002", thousandsOfTokensPerMinute: 100 }),
    );
    const r = runCli(["validate", dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /is valid: 2 deployment\(s\), 1 consumer\(s\), 1 mapping\(s\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("validate never crashes on broken files: every problem at once, exit 1", () => {
  const dir = seedCopy();
  try {
    writeFileSync(join(dir, "deployments/broken.json"), "{ not json");
    writeFileSync(join(dir, "deployments/wrong-types.json"), JSON.stringify({ aoaiName: 3, deploymentType: "SPOT", thousandsOfTokensPerMinute: "5" }));
    writeFileSync(join(dir, "consumers/bad-date.json"), JSON.stringify({ consumerName: "c2", costCentre: "1", models: [{ deploymentName: "x", modelName: "m", environments: { dev: { thousandsOfTokens: 1, deployAt: "next tuesday" } } }] }));
    writeFileSync(join(dir, "mappings/null.json"), "null");
    writeFileSync(join(dir, "atrium.yaml"), `${PLATFORM}\nunknownKey: 1\nresources2: [\n`);
    const r = runCli(["validate", dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^deployments\/broken\.json \$: not valid JSON/m);
    assert.match(r.stdout, /^deployments\/wrong-types\.json \$\.aoaiName: /m);
    assert.match(r.stdout, /^deployments\/wrong-types\.json \$\.deploymentType: /m);
    assert.match(r.stdout, /^consumers\/bad-date\.json \$\.models\[0\]\.environments\.dev\.deployAt: not a date-time/m);
    assert.match(r.stdout, /^mappings\/null\.json \$: /m);
    assert.match(r.stdout, /^atrium\.yaml \$: not valid YAML/m);
    assert.equal(r.stderr.includes("    at "), false, "no stack trace");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
