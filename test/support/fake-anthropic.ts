import type { ServerResponse } from "node:http";
import { sendJson, startFakeUpstream, type FakeUpstream, type RecordedRequest } from "./fake-upstream.js";

/**
 * A fake of Anthropic's Messages API on loopback, replaying its documented wire format
 * (docs.anthropic.com: Messages, Streaming Messages, Errors): the key (`x-api-key` or a bearer
 * token) and `anthropic-version` checked, a Message as JSON or as `event:`-named SSE events, errors as
 * `{"type":"error","error":{type,message}}`, and `error` events in the middle of a stream.
 */
export const ANTHROPIC_KEY = "sk-ant-fake-0123456789";

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export type FakeBlock = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

export interface FakeMessage {
  content: FakeBlock[];
  stop_reason: "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "refusal";
  usage: FakeUsage;
}

export interface AnthropicScript {
  /** The message to answer with, from the request body. */
  message?: (body: Record<string, unknown>) => FakeMessage;
  /** An HTTP error instead: status, Anthropic error type, headers (retry-after). */
  error?: { status: number; type: string; message: string; headers?: Record<string, string> };
  /** Streams only: after this many events, an `error` event of `type`, and the body ends. */
  streamError?: { after: number; type: string };
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  script(s: AnthropicScript): void;
  close(): Promise<void>;
}

export const FAKE_USAGE: FakeUsage = { input_tokens: 21, output_tokens: 9, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };

export function textMessage(text: string, usage: FakeUsage = FAKE_USAGE): FakeMessage {
  return { content: [{ type: "text", text }], stop_reason: "end_turn", usage };
}

export async function startFakeAnthropic(initial: AnthropicScript = {}): Promise<FakeAnthropic> {
  let current = initial;
  let count = 0;
  const upstream: FakeUpstream = await startFakeUpstream(async (req, res) => {
    const path = req.url.split("?")[0];
    if (req.method !== "POST" || (path !== "/v1/messages" && path !== "/v1/messages/count_tokens")) {
      return sendError(res, 404, "not_found_error", `Not found: ${req.url}`);
    }
    // The API reads the key from x-api-key; SDKs from 1.0 send it as a bearer token, which it also takes.
    if (req.headers["x-api-key"] !== ANTHROPIC_KEY && req.headers["authorization"] !== `Bearer ${ANTHROPIC_KEY}`) {
      return sendError(res, 401, "authentication_error", "invalid x-api-key");
    }
    if (typeof req.headers["anthropic-version"] !== "string") return sendError(res, 400, "invalid_request_error", "anthropic-version: header is required");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return sendError(res, 400, "invalid_request_error", "There was an issue with the format of your request: invalid JSON");
    }
    if (!Array.isArray(body["messages"]) || typeof body["model"] !== "string") {
      return sendError(res, 400, "invalid_request_error", "messages: Field required");
    }
    if (path === "/v1/messages/count_tokens") return sendJson(res, 200, { input_tokens: JSON.stringify(body["messages"]).length >> 2 });
    if (typeof body["max_tokens"] !== "number") return sendError(res, 400, "invalid_request_error", "max_tokens: Field required");
    const s = current;
    if (s.error) return sendError(res, s.error.status, s.error.type, s.error.message, s.error.headers);
    const m = (s.message ?? (() => textMessage("Hello from Claude")))(body);
    const id = `msg_fake${++count}`;
    if (body["stream"] === true) return stream(res, id, body["model"], m, s.streamError);
    sendJson(res, 200, { id, type: "message", role: "assistant", model: body["model"], content: m.content, stop_reason: m.stop_reason, stop_sequence: null, usage: m.usage }, { "request-id": `req_${id}` });
  });
  return {
    url: upstream.url,
    requests: upstream.requests,
    script(s) {
      current = s;
    },
    close: () => upstream.close(),
  };
}

function sendError(res: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { type: "error", error: { type, message }, request_id: "req_fake_error" }, headers);
}

/** The events Anthropic sends for a message, in its order: text in words, tool input in pieces. */
export function streamEvents(id: string, model: string, m: FakeMessage): Array<[string, object]> {
  const start = { ...m.usage, output_tokens: 1 };
  const events: Array<[string, object]> = [
    ["message_start", { type: "message_start", message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: start } }],
  ];
  m.content.forEach((block, index) => {
    if (block.type === "text") {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } }]);
      if (index === 0) events.push(["ping", { type: "ping" }]);
      for (const piece of block.text.match(/\S+\s*|\s+/g) ?? []) {
        events.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } }]);
      }
    } else {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } }]);
      const json = JSON.stringify(block.input);
      // The first delta is empty, as Anthropic sends it; the rest in pieces of 7 characters.
      events.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: "" } }]);
      for (let i = 0; i < json.length; i += 7) {
        events.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: json.slice(i, i + 7) } }]);
      }
    }
    events.push(["content_block_stop", { type: "content_block_stop", index }]);
  });
  events.push(["message_delta", { type: "message_delta", delta: { stop_reason: m.stop_reason, stop_sequence: null }, usage: { output_tokens: m.usage.output_tokens } }]);
  events.push(["message_stop", { type: "message_stop" }]);
  return events;
}

function stream(res: ServerResponse, id: string, model: string, m: FakeMessage, failure: AnthropicScript["streamError"]): void {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "request-id": `req_${id}` });
  let events = streamEvents(id, model, m);
  if (failure) {
    events = events.slice(0, failure.after);
    events.push(["error", { type: "error", error: { type: failure.type, message: failure.type === "overloaded_error" ? "Overloaded" : "Internal server error" } }]);
  }
  for (const [name, data] of events) res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  res.end();
}
