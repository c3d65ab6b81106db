import { GatewayError } from "../../core/errors.js";
import { isObject, type JsonObject } from "../../core/json.js";
import { retryAfterFrom } from "../openai-errors.js";

/** Anthropic's HTTP status for `overloaded_error`: the API as a whole is out of capacity. */
const OVERLOADED = 529;

/**
 * Translates an Anthropic error (`{"type":"error","error":{"type","message"}}`) into ours. As for
 * OpenAI's: the message is kept where it helps the caller fix the request; the platform's own
 * problems (credentials, unknown model, 5xx) are said without passing the body on. 429 and 529
 * are retryable with the `retry-after` Anthropic sends, so routing cools the member and tries the
 * next one.
 */
export function anthropicError(status: number, body: string, headers: Readonly<Record<string, string>>): GatewayError {
  const upstream = readError(body);
  const said = upstream.message ? `: ${upstream.message.slice(0, 500)}` : "";
  if (status === 429 || upstream.type === "rate_limit_error") {
    return new GatewayError("rate_limited", "The upstream is rate limiting this deployment.", { retryable: true, retryAfterMs: retryAfterFrom(headers) });
  }
  if (status === OVERLOADED || upstream.type === "overloaded_error") {
    return new GatewayError("upstream_error", "The upstream is overloaded.", { retryable: true, retryAfterMs: retryAfterFrom(headers), status: 503 });
  }
  if (status === 400 || status === 422) return new GatewayError("invalid_request", `The upstream rejected the request${said}`);
  if (status === 413) return new GatewayError("request_too_large", `The upstream rejected the request as too large${said}`);
  if (status === 401 || status === 403 || status === 402) {
    return new GatewayError("upstream_error", "The upstream rejected the gateway's credentials.", { retryable: true });
  }
  if (status === 404) return new GatewayError("upstream_error", "The upstream does not have this model.", { retryable: true });
  if (status === 408 || status === 504) return new GatewayError("upstream_timeout", "The upstream timed out.", { retryable: true });
  return new GatewayError("upstream_error", `The upstream failed with status ${status}.`, { retryable: status >= 500 });
}

/** An `error` event in a stream (`overloaded_error` mostly): the stream fails; retryable before its first chunk. */
export function streamedError(json: JsonObject): GatewayError {
  const error = isObject(json["error"]) ? json["error"] : {};
  const type = typeof error["type"] === "string" ? error["type"] : "api_error";
  if (type === "overloaded_error") return new GatewayError("upstream_error", "The upstream is overloaded.", { retryable: true, status: 503 });
  if (type === "rate_limit_error") return new GatewayError("rate_limited", "The upstream is rate limiting this deployment.", { retryable: true });
  return new GatewayError("upstream_error", `The upstream stream failed (${type.slice(0, 40)}).`, { retryable: true });
}

function readError(body: string): { message: string | undefined; type: string | undefined } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { message: undefined, type: undefined };
  }
  const error = isObject(parsed) ? parsed["error"] : undefined;
  if (!isObject(error)) return { message: undefined, type: undefined };
  return {
    message: typeof error["message"] === "string" ? error["message"] : undefined,
    type: typeof error["type"] === "string" ? error["type"] : undefined,
  };
}
