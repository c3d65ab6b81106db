import { asGatewayError } from "../../core/errors.js";
import { isObject, type JsonObject } from "../../core/json.js";
import type { SseEvent } from "../../core/reply.js";
import type { Usage } from "../../core/usage.js";
import type { StreamFrames } from "../surface.js";
import { errorBody } from "./error-body.js";
import { messageId, messageUsage, stopReason } from "./message-out.js";

/**
 * OpenAI chunks as Anthropic's named streaming events, framed, in the read that brought them:
 * the first chunk opens the message (`message_start`, with the prompt estimate as its input
 * tokens), content opens a text block, each new tool call a `tool_use` block whose argument
 * pieces are `input_json_delta`s; the finish reason closes the open block. The end sends
 * `message_delta` (stop reason and the usage metering settled on) and `message_stop`; no `[DONE]`.
 */
export class MessageEvents implements StreamFrames {
  private started = false;
  /** Index of the open content block, -1 when none is open. */
  private open = -1;
  private blocks = 0;
  /** OpenAI tool call index → content block index. */
  private readonly toolBlock = new Map<number, number>();
  private stop = "end_turn";

  constructor(
    private readonly model: string,
    private readonly inputEstimate: () => number,
  ) {}

  event(event: SseEvent): string {
    const json: unknown = event.json ?? JSON.parse(event.data);
    if (!isObject(json)) return "";
    let out = this.started ? "" : this.start(json);
    const choice = Array.isArray(json["choices"]) ? json["choices"][0] : undefined;
    if (!isObject(choice)) return out;
    const delta = isObject(choice["delta"]) ? choice["delta"] : {};
    if (typeof delta["content"] === "string" && delta["content"] !== "") {
      if (this.open < 0 || this.toolOpen()) out += this.openBlock({ type: "text", text: "" });
      out += frame("content_block_delta", { type: "content_block_delta", index: this.open, delta: { type: "text_delta", text: delta["content"] } });
    }
    if (Array.isArray(delta["tool_calls"])) {
      for (const call of delta["tool_calls"]) {
        if (!isObject(call)) continue;
        const at = typeof call["index"] === "number" ? call["index"] : 0;
        const fn = isObject(call["function"]) ? call["function"] : {};
        let block = this.toolBlock.get(at);
        if (block === undefined) {
          out += this.openBlock({ type: "tool_use", id: String(call["id"] ?? `toolu_${at}`), name: String(fn["name"] ?? ""), input: {} });
          block = this.open;
          this.toolBlock.set(at, block);
        }
        if (typeof fn["arguments"] === "string" && fn["arguments"] !== "") {
          out += frame("content_block_delta", { type: "content_block_delta", index: block, delta: { type: "input_json_delta", partial_json: fn["arguments"] } });
        }
      }
    }
    if (typeof choice["finish_reason"] === "string") {
      this.stop = stopReason(choice["finish_reason"]);
      out += this.closeBlock();
    }
    return out;
  }

  end(usage: Usage | undefined): string {
    let out = this.started ? "" : this.start({});
    out += this.closeBlock();
    out += frame("message_delta", { type: "message_delta", delta: { stop_reason: this.stop, stop_sequence: null }, usage: messageUsage(usage) });
    return out + frame("message_stop", { type: "message_stop" });
  }

  error(err: unknown): string {
    return frame("error", errorBody(asGatewayError(err)));
  }

  private start(json: JsonObject): string {
    this.started = true;
    const message = {
      id: messageId(json["id"]),
      type: "message",
      role: "assistant",
      model: typeof json["model"] === "string" && json["model"] !== "" ? json["model"] : this.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: this.inputEstimate(), output_tokens: 0 },
    };
    return frame("message_start", { type: "message_start", message });
  }

  private toolOpen(): boolean {
    for (const b of this.toolBlock.values()) if (b === this.open) return true;
    return false;
  }

  private openBlock(block: JsonObject): string {
    const out = this.closeBlock();
    this.open = this.blocks++;
    return out + frame("content_block_start", { type: "content_block_start", index: this.open, content_block: block });
  }

  private closeBlock(): string {
    if (this.open < 0) return "";
    const index = this.open;
    this.open = -1;
    return frame("content_block_stop", { type: "content_block_stop", index });
  }
}

function frame(name: string, data: object): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
