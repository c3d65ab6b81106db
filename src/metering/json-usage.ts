import type { RequestContext } from "../core/context.js";
import { isObject } from "../core/json.js";
import type { Usage } from "../core/usage.js";
import { promptEstimate } from "./prompt-estimate.js";
import { countTokens } from "./tokenizer.js";
import { deltaText } from "./usage-tap.js";

/**
 * Usage of a JSON reply whose provider reported none (some OpenAI-compatible servers): the
 * tokenizer counts the prompt and the returned text. The one extra parse of a body, paid only by
 * replies that lack usage.
 */
export function jsonUsage(ctx: RequestContext, body: string | undefined, model: string): Usage | undefined {
  if (ctx.operation === "passthrough" || body === undefined) return undefined;
  let completion = "";
  if (ctx.operation !== "embeddings") {
    try {
      const parsed: unknown = JSON.parse(body);
      if (isObject(parsed)) completion = deltaText(parsed["choices"]);
    } catch {
      // Not JSON: count the prompt alone.
    }
  }
  const promptTokens = promptEstimate(ctx, model);
  const completionTokens = countTokens(completion, model);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, cachedTokens: 0, source: "tokenizer" };
}
