import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "../../src/config/load.js";
import type { ConfigIssue } from "../../src/config/issues.js";
import { writeConfigDir } from "../support/config-dir.js";
import { runCli } from "../support/run-cli.js";
import { limitFolder, type LimitFolderOptions } from "./limit-kit.js";

function load(options: LimitFolderOptions) {
  const { dir, remove } = writeConfigDir(limitFolder(options));
  try {
    return loadConfig(dir, { env: { HOOK_TOKEN: "t0ken" } });
  } finally {
    remove();
  }
}

function issuesOf(options: LimitFolderOptions): ConfigIssue[] {
  const r = load(options);
  assert.equal(r.ok, false, "expected the folder to be refused");
  return r.ok ? [] : [...r.issues];
}

function hasIssue(issues: readonly ConfigIssue[], file: string, path: string, message: RegExp): void {
  assert.ok(
    issues.some((i) => i.file === file && i.path === path && message.test(i.message)),
    `expected ${file} ${path} ~ ${message}; got:\n${issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join("\n")}`,
  );
}

const STANDARD = "requestsPerMinute: 600\ndefaultMaxTokens: 800\nloggingMode: redacted\nallowedModels: [gpt-35-turbo]\n";
const GOLD = { requestsPerMinute: 6000, loggingMode: "full", budget: { monthlyUsd: 500, hard: true } };

test("a consumer gets its tier from atrium.yaml first, then its own file, then the default", () => {
  const r = load({
    teamATier: "standard",
    tiers: { "standard.yaml": STANDARD, "gold.yaml": GOLD },
    extraPlatform: { tiers: { default: "standard", consumers: { "team-b": "gold" } } },
  });
  assert.ok(r.ok, r.ok ? "" : r.issues.map((i) => i.message).join("\n"));
  const a = r.config.consumers.get("team-a")!.tier;
  assert.deepEqual(a, { name: "standard", requestsPerMinute: 600, defaultMaxTokens: 800, loggingMode: "redacted", allowedModels: ["gpt-35-turbo"], budget: undefined });
  const b = r.config.consumers.get("team-b")!.tier;
  assert.equal(b.name, "gold");
  assert.deepEqual(b.budget, { monthlyUsd: 500, hard: true, alertWebhook: undefined, alertAt: [0.8, 1] });

  const overridden = load({
    teamATier: "standard",
    tiers: { "standard.yaml": STANDARD, "gold.yaml": GOLD },
    extraPlatform: { tiers: { consumers: { "team-a": "gold", "team-b": { tier: "gold", requestsPerMinute: 10, budget: null } } } },
  });
  assert.ok(overridden.ok);
  assert.equal(overridden.config.consumers.get("team-a")!.tier.name, "gold", "atrium.yaml wins over the consumer file");
  const tb = overridden.config.consumers.get("team-b")!.tier;
  assert.equal(tb.requestsPerMinute, 10);
  assert.equal(tb.loggingMode, "full", "fields not overridden come from the tier");
  assert.equal(tb.budget, undefined, "budget: null removes the tier's budget");
});

test("without tiers a consumer has the built-in default tier: no limits beyond its grant", () => {
  const r = load({});
  assert.ok(r.ok);
  assert.deepEqual(r.config.consumers.get("team-a")!.tier, {
    name: "default",
    requestsPerMinute: undefined,
    defaultMaxTokens: undefined,
    loggingMode: "metadata",
    allowedModels: undefined,
    budget: undefined,
  });
});

test("tier files are checked with file and JSON path, all problems at once", () => {
  const issues = issuesOf({
    tiers: {
      "bad.yaml": "requestsPerMinute: -1\nloggingMode: loud\ncolour: blue\nbudget: { monthlyUsd: 10, alertAt: [] }\n",
      "broken.yaml": "requestsPerMinute: [1\n",
      "silver.yaml": "name: gold\n",
    },
  });
  hasIssue(issues, "tiers/bad.yaml", "$.requestsPerMinute", /0/);
  hasIssue(issues, "tiers/bad.yaml", "$.loggingMode", /metadata|redacted|full|off/);
  hasIssue(issues, "tiers/bad.yaml", "$", /unknown key\(s\): colour/);
  hasIssue(issues, "tiers/bad.yaml", "$.budget.alertAt", /1/);
  hasIssue(issues, "tiers/broken.yaml", "$", /not valid YAML/);
  hasIssue(issues, "tiers/silver.yaml", "$.name", /differs from the file name/);
});

test("every tier and consumer a file names must exist", () => {
  const issues = issuesOf({
    teamATier: "platinum",
    tiers: { "standard.yaml": STANDARD },
    extraPlatform: { tiers: { default: "bronze", consumers: { "team-b": { tier: "gold" }, "team-z": "standard" } } },
  });
  hasIssue(issues, "consumers/team-a.json", "$.tier", /unknown tier platinum \(known: standard\)/);
  hasIssue(issues, "atrium.yaml", "$.tiers.default", /unknown tier bronze/);
  hasIssue(issues, "atrium.yaml", "$.tiers.consumers.team-b.tier", /unknown tier gold/);
  hasIssue(issues, "atrium.yaml", "$.tiers.consumers.team-z", /unknown consumer team-z/);
});

test("an alert webhook must be allowed egress, wherever the budget is declared", () => {
  const budget = { monthlyUsd: 5, alertWebhook: "https://hooks.example.com/atrium?token=${HOOK_TOKEN}" };
  const issues = issuesOf({
    tiers: { "standard.yaml": { budget } },
    extraPlatform: { budgets: { costCentres: { "1001": budget } }, tiers: { consumers: { "team-b": { budget } } } },
  });
  hasIssue(issues, "tiers/standard.yaml", "$.budget.alertWebhook", /https:\/\/hooks\.example\.com is not in egress\.allowHosts/);
  hasIssue(issues, "atrium.yaml", '$.budgets.costCentres["1001"].alertWebhook', /not in egress\.allowHosts/);
  hasIssue(issues, "atrium.yaml", "$.tiers.consumers.team-b.budget.alertWebhook", /not in egress\.allowHosts/);
  assert.ok(!issues.some((i) => i.message.includes("t0ken")), "the webhook's secret is not echoed");

  const allowed = load({
    tiers: { "standard.yaml": { budget } },
    extraPlatform: { egress: { allowHosts: ["hooks.example.com"] }, budgets: { costCentres: { "1001": budget } } },
  });
  assert.ok(allowed.ok, allowed.ok ? "" : allowed.issues.map((i) => i.message).join("\n"));
});

test("limits settings are schema-checked like the rest of atrium.yaml", () => {
  const issues = issuesOf({ extraPlatform: { limits: { onStateError: "maybe", lowerEnvironmentShare: 2, typo: 1 } } });
  hasIssue(issues, "atrium.yaml", "$.limits.onStateError", /open|closed/);
  hasIssue(issues, "atrium.yaml", "$.limits.lowerEnvironmentShare", /1/);
  hasIssue(issues, "atrium.yaml", "$.limits", /unknown key\(s\): typo/);
});

test("atrium validate prints tier problems with file and path", () => {
  const { dir, remove } = writeConfigDir(limitFolder({ teamATier: "platinum", tiers: { "standard.yaml": "loggingMode: loud\n" } }));
  try {
    const r = runCli(["validate", dir]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^tiers\/standard\.yaml \$\.loggingMode: /m);
    assert.match(r.stdout, /^consumers\/team-a\.json \$\.tier: unknown tier platinum/m);
  } finally {
    remove();
  }
});
