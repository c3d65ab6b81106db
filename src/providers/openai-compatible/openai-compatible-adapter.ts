import type { HttpAdapter } from "../provider.js";
import { openAIError } from "../openai-errors.js";
import { openaiAdapter } from "../openai/openai-adapter.js";

/**
 * vLLM, Ollama, llama.cpp server, TGI: OpenAI's wire format at a base URL of their own
 * (e.g. http://host:8000/v1). The key is optional; many run without one.
 */
export const openaiCompatibleAdapter: HttpAdapter = {
  id: "openai-compatible",
  buildRequest: (call, target) => openaiAdapter.buildRequest(call, target),
  parseError: openAIError,
};
