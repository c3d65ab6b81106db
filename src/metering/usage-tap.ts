import type { RequestContext } from "../core/context.js";
import { isObject } from "../core/json.js";
import type { Reply, SseEvent, StreamWatcher } from "../core/reply.js";
import { usageFromOpenAI } from "../core/usage.js";
import { promptEstimate } from "./prompt-estimate.js";
import { countTokens } from "./tokenizer.js";

export interface TapHooks {
  /** The first event is about to go to the client: time to first token. */
  first?(): void;
  /**
   * The upstream ended cleanly and `reply.usage` is set; the client has every event but not yet
   * the stream's end (`[DONE]`), which waits for the returned promise: the record is written
   * ahead before the response is complete.
   */
  end?(): void | Promise<void>;
}

/**
 * Watches a stream for the provider's usage chunk and passes every other event on untouched.
 * The usage chunk was asked for upstream on the client's behalf: a client that did not ask for
 * it does not get it. Without one (or when the client leaves early) the tokenizer counts what
 * was delivered, so an aborted stream still pays for what it got.
 */
export function usageTap(ctx: RequestContext, model: string, reply: Reply, hooks: TapHooks = {}): StreamWatcher {
  let delivered = "";
  let started = false;
  const counted = (): void => {
    if (reply.usage !== undefined) return;
    const promptTokens = promptEstimate(ctx, model);
    const completionTokens = countTokens(delivered, model);
    reply.usage = { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, cachedTokens: 0, source: "tokenizer" };
  };
  const start = (): void => {
    if (started) return;
    started = true;
    hooks.first?.();
  };
  return {
    pass(event) {
      const json = event.json;
      if (isObject(json) && json["usage"] !== undefined && json["usage"] !== null) {
        reply.usage = usageFromOpenAI(json["usage"]);
        if (!ctx.clientWantsUsage) {
          const choices = json["choices"];
          if (!Array.isArray(choices) || choices.length === 0) return undefined;
          const { usage: _dropped, ...rest } = json;
          start();
          return { data: JSON.stringify(rest), json: rest, text: undefined };
        }
      } else if (reply.usage === undefined && isObject(json)) {
        delivered += eventText(event);
      }
      start();
      return event;
    },
    // Reached only when the upstream ended and the client read it all: not on abort or error.
    end() {
      counted();
      return hooks.end?.();
    },
    close: counted,
  };
}

/** The text one event delivers, worked out once however many watchers ask for it. */
export function eventText(event: SseEvent): string {
  if (event.text !== undefined) return event.text;
  const json = event.json;
  return (event.text = isObject(json) ? deltaText(json["choices"]) : "");
}

/** Text the client received in one chunk: content, legacy completion text, tool-call arguments. */
export function deltaText(choices: unknown): string {
  if (!Array.isArray(choices)) return "";
  let out = "";
  for (const choice of choices) {
    if (!isObject(choice)) continue;
    const delta = isObject(choice["delta"]) ? choice["delta"] : isObject(choice["message"]) ? choice["message"] : undefined;
    if (delta) {
      if (typeof delta["content"] === "string") out += delta["content"];
      const calls = delta["tool_calls"];
      if (Array.isArray(calls)) {
        for (const call of calls) {
          const fn = isObject(call) ? call["function"] : undefined;
          if (isObject(fn) && typeof fn["arguments"] === "string") out += fn["arguments"];
        }
      }
    } else if (typeof choice["text"] === "string") out += choice["text"];
  }
  return out;
}
