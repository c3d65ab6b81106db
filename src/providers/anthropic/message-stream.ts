import { GatewayError } from "../../core/errors.js";
import { isObject, type JsonObject, type JsonValue } from "../../core/json.js";
import type { SseEvent } from "../../core/reply.js";
import type { StreamTranslator } from "../provider.js";
import { streamedError } from "./anthropic-errors.js";
import { finishReason, openAIUsage, readUsage, type MessageUsage } from "./message-reply.js";

/**
 * Anthropic's streaming events as OpenAI chunks, each in the read that brought it:
 * `message_start` → the role chunk; text deltas → content; a `tool_use` block's start → a tool
 * call with its id and name, its `input_json_delta`s → that call's arguments, piece by piece;
 * `message_delta` → the finish reason; `message_stop` → the usage chunk, and the end. `ping` and
 * blocks a chat completion has no field for (thinking) are skipped; an `error` event fails the
 * stream (before the first chunk, routing fails over).
 */
export function messageStream(): StreamTranslator {
  return new MessageStream();
}

class MessageStream implements StreamTranslator {
  private id = "msg";
  private model = "";
  private readonly created = Math.floor(Date.now() / 1000);
  private readonly usage: MessageUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  /** Every chunk's JSON text up to its choices, serialised once per stream rather than per chunk. */
  private head = "";
  /** Content block index → OpenAI tool call index, for `tool_use` blocks. */
  private readonly toolAt = new Map<number, number>();

  event(name: string | undefined, data: string, emit: (event: SseEvent) => void): boolean {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw new GatewayError("upstream_error", "The upstream sent an event that is not JSON.", { retryable: true });
    }
    if (!isObject(json)) return false;
    switch (name ?? json["type"]) {
      case "message_start": {
        const message = isObject(json["message"]) ? json["message"] : {};
        if (typeof message["id"] === "string") this.id = message["id"];
        if (typeof message["model"] === "string") this.model = message["model"];
        readUsage(message["usage"], this.usage);
        this.head = `{"id":${JSON.stringify(this.id)},"object":"chat.completion.chunk","created":${this.created},"model":${JSON.stringify(this.model)},"choices":[`;
        emit(this.chunk({ role: "assistant", content: "" }, null));
        return false;
      }
      case "content_block_start":
        this.blockStart(json, emit);
        return false;
      case "content_block_delta":
        this.blockDelta(json, emit);
        return false;
      case "message_delta": {
        readUsage(json["usage"], this.usage);
        const delta = isObject(json["delta"]) ? json["delta"] : {};
        if (delta["stop_reason"] !== undefined && delta["stop_reason"] !== null) emit(this.chunk({}, finishReason(delta["stop_reason"])));
        return false;
      }
      case "message_stop":
        emit(this.usageChunk());
        return true;
      case "error":
        throw streamedError(json);
      default:
        // ping, content_block_stop, and event types added after this was written.
        return false;
    }
  }

  private blockStart(json: JsonObject, emit: (event: SseEvent) => void): void {
    const block = json["content_block"];
    if (!isObject(block) || typeof json["index"] !== "number") return;
    if (block["type"] === "text" && typeof block["text"] === "string" && block["text"] !== "") {
      emit(this.chunk({ content: block["text"] }, null));
    } else if (block["type"] === "tool_use") {
      const index = this.toolAt.size;
      this.toolAt.set(json["index"], index);
      const call = { index, id: String(block["id"]), type: "function", function: { name: String(block["name"]), arguments: "" } };
      emit(this.chunk({ tool_calls: [call] }, null));
    }
  }

  private blockDelta(json: JsonObject, emit: (event: SseEvent) => void): void {
    const delta = json["delta"];
    if (!isObject(delta)) return;
    if (delta["type"] === "text_delta" && typeof delta["text"] === "string") {
      emit(this.chunk({ content: delta["text"] }, null));
    } else if (delta["type"] === "input_json_delta" && typeof delta["partial_json"] === "string") {
      const index = typeof json["index"] === "number" ? this.toolAt.get(json["index"]) : undefined;
      if (index === undefined || delta["partial_json"] === "") return;
      emit(this.chunk({ tool_calls: [{ index, function: { arguments: delta["partial_json"] } }] }, null));
    }
  }

  private chunk(delta: JsonObject, finish: string | null): SseEvent {
    const choice: JsonValue = { index: 0, delta, logprobs: null, finish_reason: finish };
    const json = { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [choice] };
    if (this.head === "") return this.wrap(json);
    return { data: `${this.head}${JSON.stringify(choice)}]}`, json, text: undefined };
  }

  private usageChunk(): SseEvent {
    return this.wrap({ id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [], usage: openAIUsage(this.usage) });
  }

  private wrap(json: JsonObject): SseEvent {
    return { data: JSON.stringify(json), json, text: undefined };
  }
}
