import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type UpstreamHandler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler; tests switch behaviour mid-run (a backend that recovers). */
  handle(handler: UpstreamHandler): void;
  close(): Promise<void>;
}

/** A plain node:http server on loopback that replays provider wire formats. */
export async function startFakeUpstream(handler: UpstreamHandler): Promise<FakeUpstream> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(recorded);
      Promise.resolve(current(recorded, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const USAGE = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18, prompt_tokens_details: { cached_tokens: 0 } };

export function chatCompletion(content = "Hello from upstream", usage: object = USAGE): object {
  return {
    id: "chatcmpl-upstream-1",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "gpt-35-turbo",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop", logprobs: null }],
    usage,
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The SSE events OpenAI sends for a streamed chat completion, usage chunk included when asked. */
export function chatChunks(words: string[], includeUsage: boolean, usage: object = USAGE): string[] {
  const base = { id: "chatcmpl-upstream-1", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-35-turbo" };
  const events = [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }], ...(includeUsage ? { usage: null } : {}) },
    ...words.map((w) => ({ ...base, choices: [{ index: 0, delta: { content: w }, finish_reason: null }], ...(includeUsage ? { usage: null } : {}) })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }], ...(includeUsage ? { usage: null } : {}) },
  ];
  if (includeUsage) events.push({ ...base, choices: [], usage } as never);
  return events.map((e) => `data: ${JSON.stringify(e)}\n\n`);
}

/** Writes SSE events with an optional gap; `done` false leaves the stream without `[DONE]`. */
export async function sendStream(res: ServerResponse, events: string[], options: { gapMs?: number; done?: boolean } = {}): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const e of events) {
    if (res.destroyed) return;
    res.write(e);
    if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
  }
  if (options.done !== false) res.end("data: [DONE]\n\n");
}

export function readJson(req: RecordedRequest): Record<string, unknown> {
  return JSON.parse(req.body) as Record<string, unknown>;
}
