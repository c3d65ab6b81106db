import type { HttpAdapter } from "../provider.js";
import { openAIError } from "../openai-errors.js";
import { operationPath, upstreamBody } from "../upstream-body.js";

/**
 * Azure OpenAI: the deployment is in the path, the api-version in the query (the resource's own,
 * not the caller's: the platform decides what it speaks upstream), the key in `api-key`.
 */
export const azureOpenAIAdapter: HttpAdapter = {
  id: "azure-openai",
  buildRequest(call, target) {
    const { endpoint, apiKey, apiVersion } = target.resource;
    const headers: Record<string, string> = { "content-type": "application/json", "x-ms-client-request-id": call.requestId };
    if (apiKey) headers["api-key"] = apiKey;
    const deployment = encodeURIComponent(target.deployment.name);
    return {
      url: `${endpoint ?? ""}/openai/deployments/${deployment}${operationPath(call)}?api-version=${encodeURIComponent(apiVersion)}`,
      headers,
      body: upstreamBody(call, target.deployment.name),
    };
  },
  parseError: openAIError,
};
