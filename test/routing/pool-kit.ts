import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { UsageRecord } from "../../src/core/usage-record.js";
import type { MemoryUsageSink } from "../../src/metering/memory-usage-sink.js";
import { standardConfig, TEST_KEY, type ConfigFolder } from "../support/config-dir.js";
import { chatChunks, chatCompletion, readJson, sendJson, sendStream, type RecordedRequest, type UpstreamHandler } from "../support/fake-upstream.js";
import type { TestGateway } from "../support/test-gateway.js";

export interface Member {
  readonly id: string;
  readonly url: string;
  readonly priority?: number;
  readonly weight?: number;
  readonly type?: "PTU" | "PAYG";
}

/** team-a's `gpt35` on `chat-pool`: the given members as openai resources, plus pool settings. */
export function poolConfig(members: readonly Member[], settings: Record<string, unknown> = {}, extraPlatform: Record<string, unknown> = {}): ConfigFolder {
  const resources: Record<string, Record<string, unknown>> = {};
  const types: Record<string, "PTU" | "PAYG"> = {};
  for (const m of members) {
    resources[m.id] = { provider: "openai", endpoint: `${m.url}/v1`, apiKey: "sk-upstream-secret-0123456789" };
    types[m.id] = m.type ?? "PAYG";
  }
  const list = members.map((m) => ({ resource: m.id, priority: m.priority ?? 1, weight: m.weight ?? 1 }));
  return standardConfig({ resources, types, extraPlatform: { pools: { "chat-pool": { members: list, ...settings }, "embed-pool": list }, ...extraPlatform } });
}

/** Answers like a healthy OpenAI deployment, naming itself in the text so tests see who served. */
export function healthy(name: string, headers: Record<string, string> = {}): UpstreamHandler {
  return async (req, res) => {
    if (readJson(req)["stream"] === true) await sendStream(res, chatChunks([`from `, name], true));
    else sendJson(res, 200, chatCompletion(`from ${name}`), headers);
  };
}

export function isStream(req: RecordedRequest): boolean {
  return readJson(req)["stream"] === true;
}

export function rateLimited(res: ServerResponse, headers: Record<string, string>): void {
  sendJson(res, 429, { error: { message: "Requests to the deployment have exceeded the rate limit.", type: null, code: "429" } }, headers);
}

/** A loopback port that nothing listens on: connecting is refused at once. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly requestId: string;
}

export async function chat(gw: TestGateway, stream = false): Promise<Answer> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt35", stream, messages: [{ role: "user", content: "Hello" }] }),
  });
  return { status: res.status, headers: res.headers, text: await res.text(), requestId: res.headers.get("x-request-id") ?? "" };
}

/** The `data:` payloads of an SSE body, `[DONE]` included. */
export function sseData(text: string): string[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => block.slice("data: ".length));
}

/** The text a reply carries: the message content, or the stream's deltas joined. */
export function content(answer: Answer): string {
  if (!answer.headers.get("content-type")?.includes("event-stream")) {
    const body = JSON.parse(answer.text) as { choices: Array<{ message: { content: string } }> };
    return body.choices[0]?.message.content ?? "";
  }
  let out = "";
  for (const data of sseData(answer.text)) {
    if (data === "[DONE]") continue;
    const chunk = JSON.parse(data) as { choices?: Array<{ delta?: { content?: string } }> };
    out += chunk.choices?.[0]?.delta?.content ?? "";
  }
  return out;
}

export function usageRecord(gw: TestGateway, requestId: string): UsageRecord | undefined {
  return (gw.usage as MemoryUsageSink).records.find((r) => r.requestId === requestId);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
