import type { HttpAdapter } from "../provider.js";
import { openAIError } from "../openai-errors.js";
import { operationPath, upstreamBody } from "../upstream-body.js";

/**
 * api.openai.com: `endpoint` is the SDK's base URL (…/v1); the model sent is the deployment's
 * `upstreamModel` (its name unless the deployment file says otherwise).
 */
export const openaiAdapter: HttpAdapter = {
  id: "openai",
  buildRequest(call, target) {
    const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": call.requestId };
    if (target.resource.apiKey) headers["authorization"] = `Bearer ${target.resource.apiKey}`;
    return {
      url: `${target.resource.endpoint ?? ""}${operationPath(call)}`,
      headers,
      body: upstreamBody(call, target.deployment.upstreamModel ?? target.deployment.name),
    };
  },
  parseError: openAIError,
};
