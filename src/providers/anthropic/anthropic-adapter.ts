import type { HttpAdapter } from "../provider.js";
import { anthropicError } from "./anthropic-errors.js";
import { unsupported } from "./message-content.js";
import { chatCompletion } from "./message-reply.js";
import { messageStream } from "./message-stream.js";
import { messagesRequest } from "./messages-request.js";

/**
 * Anthropic's Messages API: `endpoint` is the SDK's base URL (https://api.anthropic.com, without
 * /v1), the deployment name is the model, the key goes in `x-api-key` and the resource's
 * `apiVersion` in `anthropic-version`. Chat completions only: other operations are refused by name.
 */
export const anthropicAdapter: HttpAdapter = {
  id: "anthropic",
  buildRequest(call, target) {
    if (call.operation !== "chat") throw unsupported(call.operation === "passthrough" ? call.path : call.operation, undefined);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "anthropic-version": target.resource.apiVersion,
      "x-request-id": call.requestId,
    };
    if (target.resource.apiKey) headers["x-api-key"] = target.resource.apiKey;
    return {
      url: `${target.resource.endpoint ?? ""}/v1/messages`,
      headers,
      body: JSON.stringify(messagesRequest(call.body, target.deployment.name, call.stream, target.resource.apiVersion)),
    };
  },
  parseError: anthropicError,
  parseReply: (body) => chatCompletion(body),
  streamTranslator: () => messageStream(),
};
