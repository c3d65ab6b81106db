import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format, as a scraper reads it. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line.startsWith("# TYPE ")) {
      const [, , name, type] = line.split(" ");
      types.set(name as string, type as string);
      continue;
    }
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] as string] = l[2] as string;
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return { samples, types };
}

const value = (samples: Sample[], name: string, labels: Record<string, string>): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

const PRICES = { models: { "gpt-35-turbo": { input: 0.5, output: 1.5 } } };
let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(standardConfig({ extraPlatform: { prices: PRICES } }));
});
after(() => gw.close());

async function chat(body: Record<string, unknown>, key = TEST_KEY): Promise<Response> {
  return fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Count my tokens, please." }], ...body }),
  });
}

test("/metrics is scraped and parsed: requests, tokens, cost, latency, time to first token, outbox, limiter", async () => {
  let prompt = 0;
  let completion = 0;
  for (let i = 0; i < 3; i++) {
    const body = (await (await chat({})).json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
    prompt += body.usage.prompt_tokens;
    completion += body.usage.completion_tokens;
  }
  const streamed = await (await chat({ stream: true, stream_options: { include_usage: true } })).text();
  const usageEvent = streamed.split("\n\n").filter((e) => e.includes('"usage":{')).at(-1) ?? "";
  const usage = (JSON.parse(usageEvent.slice(6)) as { usage: { prompt_tokens: number; completion_tokens: number } }).usage;
  prompt += usage.prompt_tokens;
  completion += usage.completion_tokens;
  assert.equal((await chat({}, "wrong-key-0123456789abcdef")).status, 401);

  const res = await fetch(`${gw.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const { samples, types } = parseExposition(text);
  const who = { consumer: "team-a", deployment: "sim-a/chat-deploy", environment: "dev" };

  assert.equal(value(samples, "atrium_requests_total", { ...who, status: "200", code: "" }), 4);
  assert.equal(value(samples, "atrium_requests_total", { consumer: "-", deployment: "-", status: "401", code: "invalid_api_key" }), 1);
  assert.equal(value(samples, "atrium_tokens_total", { ...who, kind: "prompt" }), prompt);
  assert.equal(value(samples, "atrium_tokens_total", { ...who, kind: "completion" }), completion);
  const cost = value(samples, "atrium_cost_total", who) ?? 0;
  assert.ok(Math.abs(cost - (prompt * 0.5 + completion * 1.5) / 1e6) < 1e-12, `cost ${cost}`);
  assert.equal(value(samples, "atrium_request_duration_seconds_count", { deployment: "sim-a/chat-deploy", streamed: "false" }), 3);
  assert.equal(value(samples, "atrium_request_duration_seconds_count", { deployment: "sim-a/chat-deploy", streamed: "true" }), 1);
  assert.equal(value(samples, "atrium_time_to_first_token_seconds_count", { deployment: "sim-a/chat-deploy" }), 1);
  assert.equal(value(samples, "atrium_upstream_attempts_total", { deployment: "sim-a/chat-deploy" }), 4);
  assert.equal(types.get("atrium_request_duration_seconds"), "histogram");
  assert.equal(types.get("atrium_limiter_rejections_total"), "counter");
  assert.notEqual(value(samples, "atrium_outbox_pending_records", { outbox: "usage" }), undefined);
  assert.notEqual(value(samples, "atrium_outbox_lag_seconds", { outbox: "usage" }), undefined);
  assert.notEqual(value(samples, "process_cpu_user_seconds_total", {}), undefined);
  assert.ok(!text.includes(TEST_KEY), "no credential in any label");

  // Counters keep counting across scrapes (totals are handed over, not re-added).
  await chat({});
  const again = parseExposition(await (await fetch(`${gw.url}/metrics`)).text()).samples;
  assert.equal(value(again, "atrium_requests_total", { ...who, status: "200", code: "" }), 5);
});

test("the gateway's metrics registry counts limiter rejections for other policies", async () => {
  const before = parseExposition(await (await fetch(`${gw.url}/metrics`)).text()).samples;
  assert.equal(value(before, "atrium_limiter_rejections_total", { consumer: "team-a", scope: "tokens" }), undefined);
  const { GatewayMetrics } = await import("../../src/observability/metrics.js");
  const metrics = new GatewayMetrics({ processMetrics: false });
  metrics.rejected("team-a", "tokens");
  metrics.rejected("team-a", "tokens");
  const { samples } = parseExposition((await metrics.render()).body);
  assert.equal(value(samples, "atrium_limiter_rejections_total", { consumer: "team-a", scope: "tokens" }), 2);
});

test("telemetry.metricsByConsumer: false collapses the consumer label", async () => {
  const collapsed = await startTestGateway(standardConfig({ extraPlatform: { telemetry: { metricsByConsumer: false } } }));
  try {
    await fetch(`${collapsed.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] }),
    });
    const { samples } = parseExposition(await (await fetch(`${collapsed.url}/metrics`)).text());
    const consumers = new Set(samples.filter((s) => s.name === "atrium_requests_total").map((s) => s.labels["consumer"]));
    assert.deepEqual([...consumers], ["all"]);
  } finally {
    await collapsed.close();
  }
});
