import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { OtlpExporter } from "../../src/observability/otlp-exporter.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway } from "../support/test-gateway.js";

interface Posted {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An OTLP/HTTP collector on loopback that keeps what it is sent. */
async function fakeCollector(status = 200) {
  const posts: Posted[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      posts.push({ url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

type Attr = { key: string; value: Record<string, unknown> };
type Span = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; startTimeUnixNano: string; endTimeUnixNano: string; attributes: Attr[]; status: { code: number } };

function spansOf(posts: Posted[]): Span[] {
  return posts.flatMap((p) => {
    const body = JSON.parse(p.body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Span[] }> }> };
    return body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  });
}

const attr = (span: Span | undefined, key: string): unknown => {
  const v = span?.attributes.find((a) => a.key === key)?.value;
  return v === undefined ? undefined : Object.values(v)[0];
};

const SECRET_PROMPT = "my salary is 123456 and my manager is Ada";

async function gatewayCall(collectorUrl: string, capturePrompts: boolean): Promise<void> {
  const gw = await startTestGateway(
    standardConfig({ extraPlatform: { telemetry: { otlpEndpoint: collectorUrl, serviceName: "atrium-test", capturePrompts, otlpHeaders: { "x-collector-token": "t0ken" } } } }),
  );
  try {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json", "x-request-id": "trace-me-1" },
      body: JSON.stringify({ model: "gpt35", temperature: 0.25, max_tokens: 64, messages: [{ role: "user", content: SECRET_PROMPT }] }),
    });
    assert.equal(res.status, 200);
  } finally {
    await gw.close(); // flushes the exporter
  }
}

test("each request becomes a SERVER span and a CLIENT child with gen_ai.* attributes, over OTLP/HTTP JSON", async () => {
  const collector = await fakeCollector();
  try {
    await gatewayCall(collector.url, false);
    assert.ok(collector.posts.length >= 1);
    const post = collector.posts[0] as Posted;
    assert.equal(post.url, "/v1/traces");
    assert.match(String(post.headers["content-type"]), /application\/json/);
    assert.equal(post.headers["x-collector-token"], "t0ken");
    const resource = (JSON.parse(post.body) as { resourceSpans: Array<{ resource: { attributes: Attr[] } }> }).resourceSpans[0]?.resource;
    assert.deepEqual(resource?.attributes.find((a) => a.key === "service.name")?.value, { stringValue: "atrium-test" });

    const spans = spansOf(collector.posts);
    const server = spans.find((s) => s.kind === 2);
    const client = spans.find((s) => s.kind === 3);
    assert.ok(server && client);
    assert.match(server.traceId, /^[0-9a-f]{32}$/);
    assert.equal(client.traceId, server.traceId);
    assert.equal(client.parentSpanId, server.spanId);
    assert.ok(BigInt(server.endTimeUnixNano) > BigInt(server.startTimeUnixNano));
    assert.equal(attr(server, "http.response.status_code"), "200");
    assert.equal(attr(server, "atrium.request_id"), "trace-me-1");
    assert.equal(attr(server, "atrium.consumer"), "team-a");
    assert.equal(client.name, "chat gpt-35-turbo");
    assert.equal(attr(client, "gen_ai.operation.name"), "chat");
    assert.equal(attr(client, "gen_ai.provider.name"), "atrium.sim");
    assert.equal(attr(client, "gen_ai.request.model"), "gpt35");
    assert.equal(attr(client, "gen_ai.response.model"), "gpt-35-turbo");
    assert.equal(attr(client, "gen_ai.request.temperature"), 0.25);
    assert.equal(attr(client, "gen_ai.request.max_tokens"), "64");
    assert.ok(Number(attr(client, "gen_ai.usage.input_tokens")) > 0);
    assert.ok(Number(attr(client, "gen_ai.usage.output_tokens")) > 0);
    assert.ok(!post.body.includes("salary"), "prompts stay out of traces by default");
  } finally {
    await collector.close();
  }
});

test("telemetry.capturePrompts puts the messages on the CLIENT span", async () => {
  const collector = await fakeCollector();
  try {
    await gatewayCall(collector.url, true);
    const client = spansOf(collector.posts).find((s) => s.kind === 3);
    assert.match(String(attr(client, "gen_ai.input.messages")), /my salary is 123456/);
  } finally {
    await collector.close();
  }
});

test("the exporter sends in batches and drops, without throwing, what a failing collector refuses", async () => {
  const collector = await fakeCollector();
  const span = (i: number) => ({ traceId: "0".repeat(31) + String(i % 10), spanId: "1".repeat(16), name: `s${i}`, kind: 1 as const, startMs: 1, endMs: 2, attributes: { i }, status: { code: 0 as const } });
  const exporter = new OtlpExporter({ endpoint: `${collector.url}/`, serviceName: "x", maxBatch: 3, intervalMs: 60_000 });
  try {
    for (let i = 0; i < 7; i++) exporter.add(span(i));
    await exporter.flush();
    assert.equal(spansOf(collector.posts).length, 7);
    assert.ok(collector.posts.every((p) => spansOf([p]).length <= 3));
    assert.equal(exporter.exported, 7);
  } finally {
    await exporter.close();
    await collector.close();
  }
  const broken = await fakeCollector(503);
  const errors: unknown[] = [];
  const failing = new OtlpExporter({ endpoint: broken.url, serviceName: "x", onError: (e) => errors.push(e) });
  try {
    failing.add(span(1));
    await failing.flush();
    assert.equal(failing.dropped, 1);
    assert.equal(errors.length, 1);
  } finally {
    await failing.close();
    await broken.close();
  }
});
