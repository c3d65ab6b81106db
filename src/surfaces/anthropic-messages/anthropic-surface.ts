import { isObject } from "../../core/json.js";
import type { ClientSurface } from "../surface.js";
import { errorBody } from "./error-body.js";
import { MessageEvents } from "./message-events.js";
import { messageOut } from "./message-out.js";
import { messagesIn } from "./messages-in.js";

/**
 * Anthropic's Messages API (`POST /v1/messages`) in front of any provider: its request becomes
 * the internal chat body, the chat reply becomes a Message, chat chunks its named events.
 */
export const anthropicSurface: ClientSurface = {
  parse: (body) => messagesIn(body),
  json(reply) {
    const parsed: unknown = reply.parsedBody ?? JSON.parse(reply.bodyText() ?? "{}");
    return JSON.stringify(messageOut(isObject(parsed) ? parsed : {}, reply.usage));
  },
  stream: (ctx) => new MessageEvents(ctx.outsideName, () => ctx.promptTokenEstimate ?? 0),
  error: (err) => JSON.stringify(errorBody(err)),
};
