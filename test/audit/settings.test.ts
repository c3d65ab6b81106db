import { test } from "node:test";
import assert from "node:assert/strict";
import { consumerAuditSettings } from "../../src/audit/consumer-audit.js";
import { loadConfig } from "../../src/config/load.js";
import { formatIssue } from "../../src/config/issues.js";
import { writeConfigDir } from "../support/config-dir.js";
import { auditConfig } from "./audit-kit.js";

/** team-a on tier gold (loggingMode full), team-b on tier silver (no loggingMode). */
function load(audit: Record<string, unknown>, environment: "dev" | "prod" = "dev") {
  const config = auditConfig(audit, { environment });
  config.tiers = { "gold.yaml": { loggingMode: "full" }, "silver.yaml": { requestsPerMinute: 100 } };
  const consumers = config.consumers as Record<string, Record<string, unknown>>;
  (consumers["team-a.json"] as Record<string, unknown>)["tier"] = "gold";
  (consumers["team-b.json"] as Record<string, unknown>)["tier"] = "silver";
  const { dir, remove } = writeConfigDir(config);
  try {
    return loadConfig(dir, { env: {} });
  } finally {
    remove();
  }
}

function settings(audit: Record<string, unknown>, environment: "dev" | "prod" = "dev") {
  const loaded = load(audit, environment);
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.issues.map(formatIssue).join("\n"));
  return consumerAuditSettings(loaded.config);
}

test("a tier's loggingMode applies; a tier without one leaves audit.defaultMode", () => {
  const s = settings({ defaultMode: "redacted" });
  assert.deepEqual(s.get("team-a"), { mode: "full", failClosed: false, sampleRate: 0.05 });
  assert.deepEqual(s.get("team-b"), { mode: "redacted", failClosed: false, sampleRate: 0.05 });
});

test("full outside audit.allowFullIn is redacted: no raw text where the platform forbids it", () => {
  assert.equal(settings({}, "prod").get("team-a")?.mode, "redacted");
  assert.equal(settings({ allowFullIn: ["dev", "prod"] }, "prod").get("team-a")?.mode, "full");
});

test("audit.tiers and audit.consumers override field by field, the consumer last", () => {
  const s = settings({
    failClosed: false,
    tiers: { silver: { mode: "metadata", failClosed: true, sampleRate: 0.5 } },
    consumers: { "team-b": { sampleRate: 1 }, "team-a": "off" },
  });
  assert.deepEqual(s.get("team-b"), { mode: "metadata", failClosed: true, sampleRate: 1 });
  assert.equal(s.get("team-a")?.mode, "off");
});

test("validate reports unknown names, an analyser outside egress and a local queue without workers", () => {
  const loaded = load({
    consumers: { nobody: "redacted" },
    tiers: { bronze: { mode: "off" } },
    externalAnalyzer: { url: "http://presidio.internal:3000/analyze" },
    workers: 0,
  });
  assert.equal(loaded.ok, false);
  const lines = loaded.ok ? [] : loaded.issues.map(formatIssue);
  assert.ok(lines.includes("atrium.yaml $.audit.workers: a local queue needs at least one worker in the gateway"), lines.join("\n"));
  const fixed = load({ consumers: { nobody: "redacted" }, tiers: { bronze: { mode: "off" } }, externalAnalyzer: { url: "http://presidio.internal:3000/analyze" } });
  const issues = fixed.ok ? [] : fixed.issues.map(formatIssue);
  assert.deepEqual(issues.sort(), [
    "atrium.yaml $.audit.consumers.nobody: unknown consumer nobody in consumers/",
    "atrium.yaml $.audit.externalAnalyzer.url: http://presidio.internal:3000 is not in egress.allowHosts; add it there to send prompts to it",
    "atrium.yaml $.audit.tiers.bronze: unknown tier bronze (known: gold, silver)",
  ]);
});
