import type { RequestContext } from "../core/context.js";
import { isObject } from "../core/json.js";
import type { Reply, SseEvent } from "../core/reply.js";
import { usageFromOpenAI } from "../core/usage.js";
import { promptEstimate } from "./prompt-estimate.js";
import { countTokens } from "./tokenizer.js";

/**
 * Watches a stream for the provider's usage chunk and passes every other event on untouched.
 * The usage chunk was asked for upstream on the client's behalf: a client that did not ask for
 * it does not get it. Without one (or when the client leaves early) the tokenizer counts what
 * was delivered, so an aborted stream still pays for what it got.
 */
export function usageTap(ctx: RequestContext, model: string) {
  return async function* tap(events: AsyncIterable<SseEvent>, reply: Reply): AsyncGenerator<SseEvent> {
    let delivered = "";
    try {
      for await (const event of events) {
        const json = event.json;
        if (isObject(json) && json["usage"] !== undefined && json["usage"] !== null) {
          reply.usage = usageFromOpenAI(json["usage"]);
          if (!ctx.clientWantsUsage) {
            const choices = json["choices"];
            if (!Array.isArray(choices) || choices.length === 0) continue;
            const { usage: _dropped, ...rest } = json;
            yield { data: JSON.stringify(rest), json: rest };
            continue;
          }
        } else if (reply.usage === undefined && isObject(json)) {
          delivered += deltaText(json["choices"]);
        }
        yield event;
      }
    } finally {
      if (reply.usage === undefined) {
        const promptTokens = promptEstimate(ctx, model);
        const completionTokens = countTokens(delivered, model);
        reply.usage = {
          promptTokens,
          completionTokens,
          totalTokens: promptTokens + completionTokens,
          cachedTokens: 0,
          source: "tokenizer",
        };
      }
    }
  };
}

function deltaText(choices: unknown): string {
  if (!Array.isArray(choices)) return "";
  let out = "";
  for (const choice of choices) {
    if (!isObject(choice)) continue;
    const delta = choice["delta"];
    if (isObject(delta) && typeof delta["content"] === "string") out += delta["content"];
    else if (typeof choice["text"] === "string") out += choice["text"];
  }
  return out;
}
