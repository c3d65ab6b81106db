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
import { simulatedChoices, type SimChoice } from "./sim-choices.js";

/**
 * The built-in simulated model: OpenAI's wire shapes, deterministic text from the prompt (tool
 * calls, JSON and `n` choices as a real model gives them: sim-choices.ts), token counts from the
 * real tokenizer, and the resource's latency and tokens-per-second. No network.
 */
export const simProvider: Provider = {
  id: "sim",
  async send(call, target): Promise<UpstreamResult> {
    const { latencyMs } = target.resource.sim;
    if (latencyMs > 0) await pause(latencyMs, call.signal);
    if (call.operation === "passthrough") {
      throw new GatewayError("invalid_request", `The simulated model does not implement ${call.path}.`);
    }
    checkOperation(call, target.deployment.model);
    if (call.operation === "embeddings") return embeddings(call, target);
    const reply = compose(call, target);
    if (call.stream) return { kind: "stream", events: eventStreamFrom(streamed(call, target, reply)), headers: {} };
    const json = whole(call, target, reply);
    return { kind: "json", status: 200, body: JSON.stringify(json), json, usage: reply.usage, headers: {} };
  },
};

/**
 * A chat model asked for embeddings, or an embedding model asked to chat, answers 400 as Azure
 * OpenAI does (OperationNotSupported), so a demo's wrong deployment fails as it would for real.
 */
function checkOperation(call: ProviderCall, model: string): void {
  const embeddingModel = /embed/i.test(model);
  if ((call.operation === "embeddings") === embeddingModel) return;
  const operation = call.operation === "embeddings" ? "embeddings" : call.operation === "chat" ? "chatCompletion" : "completion";
  throw new GatewayError("invalid_request", `The ${operation} operation does not work with the specified model, ${model}. Please choose different model and try again.`, {
    param: "model",
  });
}

interface Composed {
  readonly id: string;
  readonly created: number;
  readonly choices: readonly SimChoice[];
  readonly usage: Usage;
}

function compose(call: ProviderCall, target: Target): Composed {
  const model = target.deployment.model;
  const chat = call.operation === "chat";
  const messages = Array.isArray(call.body["messages"]) ? call.body["messages"] : [];
  const prompt = chat ? messages.map((m) => contentText(isRecord(m) ? m["content"] : "")).join("\n") : promptText(call.body["prompt"]);
  const promptTokens = chat ? countChatTokens(messages, model) : countTokens(prompt, model);
  const choices = simulatedChoices(call.body, prompt, model, chat);
  const completionTokens = choices.reduce((sum, c) => sum + c.completionTokens, 0);
  return {
    id: `${chat ? "chatcmpl" : "cmpl"}-sim${call.requestId.replace(/[^A-Za-z0-9]/g, "").slice(0, 24)}`,
    created: Math.floor(Date.now() / 1000),
    choices,
    usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, cachedTokens: 0, source: "provider" },
  };
}

function whole(call: ProviderCall, target: Target, r: Composed): JsonObject {
  const chat = call.operation === "chat";
  const choices = r.choices.map((c): JsonObject => {
    const text = c.pieces.join("");
    if (!chat) return { index: c.index, text, logprobs: null, finish_reason: c.finishReason };
    const message: JsonObject = c.toolCall
      ? { role: "assistant", content: null, tool_calls: [{ id: c.toolCall.id, type: "function", function: { name: c.toolCall.name, arguments: text } }], refusal: null }
      : { role: "assistant", content: text, refusal: null };
    return { index: c.index, message, logprobs: null, finish_reason: c.finishReason };
  });
  return {
    id: r.id,
    object: chat ? "chat.completion" : "text_completion",
    created: r.created,
    model: target.deployment.model,
    system_fingerprint: "fp_atrium_sim",
    choices,
    usage: wireUsage(r.usage),
  };
}

async function* streamed(call: ProviderCall, target: Target, r: Composed): AsyncGenerator<SseEvent> {
  const chat = call.operation === "chat";
  const base = { id: r.id, object: chat ? "chat.completion.chunk" : "text_completion", created: r.created, model: target.deployment.model, system_fingerprint: "fp_atrium_sim" };
  const gapMs = target.resource.sim.tokensPerSecond > 0 ? 1000 / target.resource.sim.tokensPerSecond : 0;
  const event = (choice: JsonObject): SseEvent => {
    const json: JsonObject = { ...base, choices: [choice], usage: null };
    return { data: JSON.stringify(json), json, text: undefined };
  };
  for (const c of r.choices) {
    const tool = c.toolCall;
    const delta = (piece: string): JsonObject => (tool ? { tool_calls: [{ index: 0, function: { arguments: piece } }] } : { content: piece });
    if (chat) {
      const first: JsonObject = tool
        ? { role: "assistant", content: null, tool_calls: [{ index: 0, id: tool.id, type: "function", function: { name: tool.name, arguments: "" } }], refusal: null }
        : { role: "assistant", content: "", refusal: null };
      yield event({ index: c.index, delta: first, logprobs: null, finish_reason: null });
    }
    for (const piece of c.pieces) {
      if (gapMs > 0) await pause(gapMs, call.signal);
      yield event(chat ? { index: c.index, delta: delta(piece), logprobs: null, finish_reason: null } : { index: c.index, text: piece, logprobs: null, finish_reason: null });
    }
    yield event(chat ? { index: c.index, delta: {}, logprobs: null, finish_reason: c.finishReason } : { index: c.index, text: "", logprobs: null, finish_reason: c.finishReason });
  }
  const last: JsonObject = { ...base, choices: [], usage: wireUsage(r.usage) };
  yield { data: JSON.stringify(last), json: last, text: undefined };
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
