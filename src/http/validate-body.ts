import type { Operation, Surface } from "../core/context.js";
import { GatewayError } from "../core/errors.js";
import { isObject, type JsonObject } from "../core/json.js";

const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);

/**
 * Checks the fields the gateway itself relies on, with OpenAI's `param` names, and leaves every
 * other field to the provider. Returns the body as an object.
 */
export function validateBody(body: unknown, surface: Surface, operation: Operation): JsonObject {
  if (!isObject(body)) throw invalid("The request body must be a JSON object.", undefined);
  // On Azure's deployment route the path names the deployment and Azure ignores `model`: clients
  // send null (LangChain's AzureChatOpenAI), nothing, or any name, and the upstream body gets ours.
  if (surface === "openai" && (typeof body["model"] !== "string" || body["model"] === "")) {
    throw invalid("`model` must be the name of a deployment.", "model");
  }
  optional(body, "stream", "boolean");
  if (body["stream_options"] !== undefined && body["stream_options"] !== null) {
    const options = body["stream_options"];
    if (!isObject(options)) throw invalid("`stream_options` must be an object.", "stream_options");
    if (options["include_usage"] !== undefined && typeof options["include_usage"] !== "boolean") {
      throw invalid("`stream_options.include_usage` must be a boolean.", "stream_options.include_usage");
    }
  }
  for (const name of ["max_tokens", "max_completion_tokens", "n"]) positiveInteger(body, name);
  for (const name of ["temperature", "top_p", "presence_penalty", "frequency_penalty"]) optional(body, name, "number");
  if (operation === "chat") checkMessages(body["messages"]);
  else if (operation === "completions") checkPrompt(body["prompt"]);
  else if (operation === "embeddings") checkEmbeddings(body);
  return body;
}

function checkMessages(messages: unknown): void {
  if (!Array.isArray(messages) || messages.length === 0) throw invalid("`messages` must be a non-empty array.", "messages");
  messages.forEach((m, i) => {
    if (!isObject(m)) throw invalid(`\`messages[${i}]\` must be an object.`, `messages[${i}]`);
    if (typeof m["role"] !== "string" || !ROLES.has(m["role"])) {
      throw invalid(`\`messages[${i}].role\` must be one of ${[...ROLES].join(", ")}.`, `messages[${i}].role`);
    }
    const content = m["content"];
    if (content !== undefined && content !== null && typeof content !== "string" && !Array.isArray(content)) {
      throw invalid(`\`messages[${i}].content\` must be a string or an array of content parts.`, `messages[${i}].content`);
    }
  });
}

function checkPrompt(prompt: unknown): void {
  if (typeof prompt === "string") return;
  if (Array.isArray(prompt) && prompt.length > 0 && prompt.every((p) => typeof p === "string" || typeof p === "number" || Array.isArray(p))) return;
  throw invalid("`prompt` must be a string or an array of strings or tokens.", "prompt");
}

function checkEmbeddings(body: JsonObject): void {
  const input = body["input"];
  const ok =
    (typeof input === "string" && input.length > 0) ||
    (Array.isArray(input) &&
      input.length > 0 &&
      input.length <= 2048 &&
      input.every((x) => (typeof x === "string" && x.length > 0) || typeof x === "number" || (Array.isArray(x) && x.every((t) => typeof t === "number"))));
  if (!ok) throw invalid("`input` must be a non-empty string or an array of up to 2048 non-empty strings or token arrays.", "input");
  const format = body["encoding_format"];
  if (format !== undefined && format !== "float" && format !== "base64") {
    throw invalid("`encoding_format` must be float or base64.", "encoding_format");
  }
  const dimensions = body["dimensions"];
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || (dimensions as number) < 1 || (dimensions as number) > 8192)) {
    throw invalid("`dimensions` must be an integer from 1 to 8192.", "dimensions");
  }
}

function optional(body: JsonObject, name: string, type: "boolean" | "number"): void {
  const v = body[name];
  if (v !== undefined && v !== null && typeof v !== type) throw invalid(`\`${name}\` must be a ${type}.`, name);
}

function positiveInteger(body: JsonObject, name: string): void {
  const v = body[name];
  if (v !== undefined && v !== null && (!Number.isInteger(v) || (v as number) < 1)) {
    throw invalid(`\`${name}\` must be a positive integer.`, name);
  }
}

function invalid(message: string, param: string | undefined): GatewayError {
  return new GatewayError("invalid_request", message, { param });
}
