import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { standardConfig, writeConfigDir, type ConfigFolder } from "../support/config-dir.js";
import { runCli } from "../support/run-cli.js";

/** A CI job's environment: none of the variables the config names. */
const NO_SECRETS: NodeJS.ProcessEnv = { PATH: process.env["PATH"], HOME: process.env["HOME"] };

/** The standard folder with an Azure resource whose endpoint, key and a consumer key come from the environment. */
function withSecrets(): ConfigFolder {
  const folder = standardConfig({ resources: { aoai: { provider: "azure-openai", endpoint: "${AOAI_ENDPOINT}", apiKey: "${AOAI_KEY}" } } });
  const platform = folder.platform as Record<string, unknown>;
  platform["auth"] = { keys: [{ key: "${TEAM_A_KEY}", consumer: "team-a" }] };
  platform["storage"] = { kind: "sqlite", path: "./atrium.db" };
  (folder.deployments as Record<string, Record<string, unknown>>)["aoai-chat.json"]!["thousandsOfTokensPerMinute"] = 200;
  return folder;
}

function consumerA(folder: ConfigFolder): { models: Array<Record<string, unknown> & { environments: Record<string, unknown> }> } & Record<string, unknown> {
  return (folder.consumers as Record<string, never>)["team-a.json"] as never;
}

test("validate and plan run without secrets: an unset variable is a warning that it is not set, never a wrong value", () => {
  const { dir, remove } = writeConfigDir(withSecrets());
  try {
    const v = runCli(["validate", dir], undefined, NO_SECRETS);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /^atrium\.yaml \$\.resources\.aoai\.endpoint: warning: environment variable AOAI_ENDPOINT is not set/m);
    assert.match(v.stdout, /^atrium\.yaml \$\.resources\.aoai\.apiKey: warning: environment variable AOAI_KEY is not set/m);
    assert.match(v.stdout, /^atrium\.yaml \$\.auth\.keys\[0\]\.key: warning: environment variable TEAM_A_KEY is not set/m);
    assert.doesNotMatch(v.stdout, /Invalid|at least 16|endpoint is required/i);
    assert.match(v.stdout, /is valid: .*\(3 warning\(s\)\)/);
    const p = runCli(["plan", dir], undefined, NO_SECRETS);
    assert.equal(p.status, 0, p.stdout + p.stderr);
    assert.doesNotMatch(p.stdout, /NO CAPACITY|OVER-SUBSCRIBED/);
    assert.match(p.stdout, /chat-deploy\s+chat-pool\s+0\s+200\s+110\s+55%\s+ok/);
  } finally {
    remove();
  }
});

test("serve refuses to start while a variable is unset, and says only that it is not set", () => {
  const { dir, remove } = writeConfigDir(withSecrets());
  try {
    const r = runCli(["serve", "--config", dir, "--port", "0"], undefined, { ...NO_SECRETS, AOAI_KEY: "k", TEAM_A_KEY: "team-a-key-0123456789" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /has 1 problem\(s\)/);
    assert.match(r.stderr, /^atrium\.yaml \$\.resources\.aoai\.endpoint: environment variable AOAI_ENDPOINT is not set$/m);
  } finally {
    remove();
  }
});

test("keys list and report need only the variables they use", () => {
  const { dir, remove } = writeConfigDir(withSecrets());
  try {
    const keys = runCli(["keys", "list", "--config", dir], undefined, NO_SECRETS);
    assert.equal(keys.status, 0, keys.stderr);
    assert.match(keys.stdout, /^ID\s+CONSUMER/);
    const report = runCli(["report", "usage", "--from", "2024-01-01", "--to", "2024-01-31", "--config", dir], undefined, NO_SECRETS);
    assert.equal(report.status, 0, report.stderr);
    writeFileSync(join(dir, "atrium.yaml"), JSON.stringify({ ...(withSecrets().platform as object), storage: { kind: "postgres", url: "${DATABASE_URL}" }, auth: { keySecret: "${ATRIUM_KEY_SECRET}" } }));
    const needs = runCli(["keys", "list", "--config", dir], undefined, NO_SECRETS);
    assert.equal(needs.status, 1);
    assert.match(needs.stderr, /\$\.storage\.url: environment variable DATABASE_URL is not set/);
    assert.match(needs.stderr, /\$\.auth\.keySecret: environment variable ATRIUM_KEY_SECRET is not set/);
    assert.doesNotMatch(needs.stderr, /AOAI/);
  } finally {
    remove();
  }
});

test("a field one edit from a known one is a warning naming it; environments and contentSafety levels are checked", () => {
  const folder = standardConfig();
  const a = consumerA(folder);
  a["constantAppIdIdentifers"] = ["app-x"];
  a["notes"] = "far from any field: kept silently";
  a.models[0]!["contentSaftey"] = "high";
  a.models[0]!["modleName"] = "gpt-35-turbo";
  const { dir, remove } = writeConfigDir(folder);
  try {
    const r = runCli(["validate", dir]);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /^consumers\/team-a\.json \$\.constantAppIdIdentifers: warning: unknown field constantAppIdIdentifers: did you mean constantAppIdIdentifiers\?/m);
    assert.match(r.stdout, /^consumers\/team-a\.json \$\.models\[0\]\.contentSaftey: warning: .*did you mean contentSafety\?/m);
    assert.match(r.stdout, /^consumers\/team-a\.json \$\.models\[0\]\.modleName: warning: .*did you mean modelName\?/m);
    assert.doesNotMatch(r.stdout, /notes/);
  } finally {
    remove();
  }
  const wrong = standardConfig();
  const b = consumerA(wrong);
  b.models[0]!["contentSafety"] = "extreme";
  b.models[1]!.environments["staging"] = { thousandsOfTokens: 1, deployAt: "2024-01-01" };
  const bad = writeConfigDir(wrong);
  try {
    const r = runCli(["validate", bad.dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^consumers\/team-a\.json \$\.models\[0\]\.contentSafety: must be one of low, medium, high, off: unknown content-safety level "extreme"$/m);
    assert.match(r.stdout, /^consumers\/team-a\.json \$\.models\[1\]\.environments: unknown environment\(s\) staging: an environment is dev, test or prod$/m);
  } finally {
    bad.remove();
  }
});

test("one mistake is reported once, not again as unknown names in other files; JSON syntax errors give line and column", () => {
  const folder = standardConfig();
  consumerA(folder).models[0]!["contentSafety"] = "extreme";
  const { dir, remove } = writeConfigDir(folder);
  try {
    const r = runCli(["validate", dir]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trim().split("\n"), ["consumers/team-a.json $.models[0].contentSafety: must be one of low, medium, high, off: unknown content-safety level \"extreme\""]);
    writeFileSync(join(dir, "consumers/team-a.json"), '{\n  "consumerName": "team-a",\n  "costCentre": "1"\n  "models": []\n}\n');
    const syntax = runCli(["validate", dir]);
    assert.deepEqual(syntax.stdout.trim().split("\n"), ["consumers/team-a.json $: not valid JSON at line 4, column 3: expected ',' (a missing comma?)"]);
  } finally {
    remove();
  }
});

test("a future deployAt: validate says when it goes live, plan shows demand now and at each go-live", () => {
  const folder = standardConfig();
  const b = (folder.consumers as Record<string, { models: Array<{ environments: Record<string, { deployAt: string }> }> }>)["team-b.json"]!;
  b.models[0]!.environments["dev"]!.deployAt = "2999-01-01T00:00:00Z";
  const deployments = folder.deployments as Record<string, Record<string, unknown>>;
  deployments["sim-a-chat.json"]!["thousandsOfTokensPerMinute"] = 105;
  const { dir, remove } = writeConfigDir(folder);
  try {
    const v = runCli(["validate", dir]);
    assert.equal(v.status, 0, v.stdout);
    assert.match(v.stdout, /^Not live yet:\n {2}consumers\/team-b\.json \$\.models\[0\]\.environments\.dev\.deployAt: team-b gpt4o goes live in dev at 2999-01-01T00:00:00\.000Z$/m);
    const p = runCli(["plan", dir]);
    assert.equal(p.status, 2, "over-subscribed once team-b goes live");
    const [now, later] = p.stdout.split("From 2999-01-01T00:00:00.000Z, when team-b (gpt4o) goes live:");
    assert.ok(later, p.stdout);
    assert.match(now ?? "", /chat-deploy\s+chat-pool\s+0\s+105\s+100\s+95%\s+ok\s+team-a\n/);
    assert.match(later, /chat-deploy\s+chat-pool\s+0\s+105\s+110\s+105%\s+OVER-SUBSCRIBED\s+team-a, team-b/);
    const json = JSON.parse(runCli(["plan", dir, "--format", "json"]).stdout) as { goLives: Array<{ at: string; rows: Array<{ demand: number }> }> };
    assert.equal(json.goLives[0]?.at, "2999-01-01T00:00:00.000Z");
  } finally {
    remove();
  }
});
