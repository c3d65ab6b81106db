import type { Identity } from "../../core/context.js";
import { GatewayError } from "../../core/errors.js";
import { countChatTokens, countTokens } from "../../metering/tokenizer.js";
import { messagesIn } from "./messages-in.js";

/**
 * `POST /v1/messages/count_tokens`: the prompt's tokens by the gateway's tokenizer for the model
 * the caller's deployment name maps to. Nothing goes upstream, so it is an estimate, the same one
 * limits admit a request by; it needs a caller with access to that name.
 */
export function countTokensBody(body: unknown, identity: Identity): { input_tokens: number } {
  const chat = messagesIn(body, true);
  const name = chat["model"] as string;
  const route = identity.consumer.routes.get(name);
  if (!route) throw new GatewayError("model_not_found", `The model '${name.slice(0, 200)}' does not exist or this consumer has no access to it.`, { param: "model" });
  const messages = chat["messages"] as unknown[];
  const tools = chat["tools"];
  return { input_tokens: countChatTokens(messages, route.model) + (tools === undefined ? 0 : countTokens(JSON.stringify(tools), route.model)) };
}
