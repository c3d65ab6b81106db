import type { Target } from "../../core/catalog.js";
import { GatewayError } from "../../core/errors.js";
import { eventStreamFrom } from "../../core/event-stream.js";
import type { JsonObject } from "../../core/json.js";
import type { RequestSignal } from "../../core/request-signal.js";
import type { SseEvent } from "../../core/reply.js";
import type { Usage } from "../../core/usage.js";
import { contentText, countChatTokens, countTokens } from "../../metering/tokenizer.js";
import type { Provider, ProviderCall, UpstreamResult } from "../provider.js";
import { simulatedEmbedding, toBase64 } from "./sim-embeddings.js";
import { simulatedWords } from "./sim-text.js";

/**
 * The built-in simulated model: OpenAI's wire shapes, deterministic text from the prompt, token
 * counts from the real tokenizer, and the resource's latency and tokens-per-second. No network.
 */
export const simProvider: Provider = {
  id: "sim",
  async send(call, target): Promise<UpstreamResult> {
    const { latencyMs } = target.resource.sim;
    if (latencyMs > 0) await pause(latencyMs, call.signal);
    if (call.operation === "embeddings") return embeddings(call, target);
    if (call.operation === "passthrough") {
      throw new GatewayError("invalid_request", `The simulated model does not implement ${call.path}.`);
    }
    const reply = compose(call, target);
    if (call.stream) return { kind: "stream", events: eventStreamFrom(streamed(call, target, reply)), headers: {} };
    const json = whole(call, target, reply);
    return { kind: "json", status: 200, body: JSON.stringify(json), json, usage: reply.usage, headers: {} };
  },
};

interface Composed {
  readonly id: string;
  readonly created: number;
  readonly words: readonly string[];
  readonly finishReason: "stop" | "length";
  readonly usage: Usage;
}

function compose(call: ProviderCall, target: Target): Composed {
  const model = target.deployment.model;
  const messages = Array.isArray(call.body["messages"]) ? call.body["messages"] : [];
  const prompt = call.operation === "chat" ? messages.map((m) => contentText(isRecord(m) ? m["content"] : "")).join("\n") : promptText(call.body["prompt"]);
  const promptTokens = call.operation === "chat" ? countChatTokens(messages, model) : countTokens(prompt, model);
  const limit = call.body["max_completion_tokens"] ?? call.body["max_tokens"];
  const { words, truncated } = simulatedWords(prompt, typeof limit === "number" ? limit : undefined);
  const completionTokens = countTokens(words.join(""), model);
  return {
    id: `${call.operation === "chat" ? "chatcmpl" : "cmpl"}-sim${call.requestId.replace(/[^A-Za-z0-9]/g, "").slice(0, 24)}`,
    created: Math.floor(Date.now() / 1000),
    words,
    finishReason: truncated ? "length" : "stop",
    usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, cachedTokens: 0, source: "provider" },
  };
}

function whole(call: ProviderCall, target: Target, r: Composed): JsonObject {
  const text = r.words.join("");
  const choice: JsonObject =
    call.operation === "chat"
      ? { index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: r.finishReason }
      : { index: 0, text, logprobs: null, finish_reason: r.finishReason };
  return {
    id: r.id,
    object: call.operation === "chat" ? "chat.completion" : "text_completion",
    created: r.created,
    model: target.deployment.model,
    system_fingerprint: "fp_atrium_sim",
    choices: [choice],
    usage: wireUsage(r.usage),
  };
}

async function* streamed(call: ProviderCall, target: Target, r: Composed): AsyncGenerator<SseEvent> {
  const chat = call.operation === "chat";
  const base = { id: r.id, object: chat ? "chat.completion.chunk" : "text_completion", created: r.created, model: target.deployment.model, system_fingerprint: "fp_atrium_sim" };
  const gapMs = target.resource.sim.tokensPerSecond > 0 ? 1000 / target.resource.sim.tokensPerSecond : 0;
  const event = (json: JsonObject): SseEvent => ({ data: JSON.stringify(json), json, text: undefined });
  const piece = (content: string, finish: string | null, role?: string): JsonObject => {
    const choice: JsonObject = chat
      ? { index: 0, delta: role ? { role, content } : finish ? {} : { content }, logprobs: null, finish_reason: finish }
      : { index: 0, text: content, logprobs: null, finish_reason: finish };
    return { ...base, choices: [choice], usage: null };
  };
  if (chat) yield event(piece("", null, "assistant"));
  for (const word of r.words) {
    if (gapMs > 0) await pause(gapMs, call.signal);
    yield event(piece(word, null));
  }
  yield event(piece("", r.finishReason));
  yield event({ ...base, choices: [], usage: wireUsage(r.usage) });
}

function embeddings(call: ProviderCall, target: Target): UpstreamResult {
  const raw = call.body["input"];
  const inputs: string[] = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw.map((x) => (typeof x === "string" ? x : JSON.stringify(x))) : [];
  const requested = call.body["dimensions"];
  const dimensions = typeof requested === "number" ? requested : target.resource.sim.embeddingDimensions;
  const base64 = call.body["encoding_format"] === "base64";
  const model = target.deployment.model;
  let promptTokens = 0;
  const data = inputs.map((text, index) => {
    promptTokens += countTokens(text, model);
    const vector = simulatedEmbedding(text, dimensions);
    return { object: "embedding", index, embedding: base64 ? toBase64(vector) : Array.from(vector) };
  });
  const usage: Usage = { promptTokens, completionTokens: 0, totalTokens: promptTokens, cachedTokens: 0, source: "provider" };
  const body = JSON.stringify({ object: "list", data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
  return { kind: "json", status: 200, body, usage, headers: {} };
}

function wireUsage(u: Usage): JsonObject {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.totalTokens,
    prompt_tokens_details: { cached_tokens: 0 },
  };
}

function promptText(prompt: unknown): string {
  if (typeof prompt === "string") return prompt;
  return Array.isArray(prompt) ? prompt.filter((p): p is string => typeof p === "string").join("\n") : "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (the client left). */
function pause(ms: number, signal: RequestSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const stop = signal.onAbort(() => {
      clearTimeout(timer);
      reject(signal.reason);
    });
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}
