import { GatewayError } from "../core/errors.js";
import { isObject } from "../core/json.js";

/**
 * Translates an OpenAI-format error (OpenAI, Azure OpenAI and most compatible servers) into ours.
 * The upstream's message is kept where it helps the caller fix the request; statuses that are the
 * platform's problem (credentials, missing deployment, 5xx) say so without passing the body on.
 */
export function openAIError(status: number, body: string, headers: Readonly<Record<string, string>>): GatewayError {
  const upstream = readError(body);
  const said = upstream.message ? `: ${upstream.message.slice(0, 500)}` : "";
  if (status === 429) {
    const retryAfterMs = retryAfterFrom(headers);
    return new GatewayError("rate_limited", "The upstream is rate limiting this deployment.", {
      retryable: true,
      retryAfterMs,
    });
  }
  if (status === 400 && (upstream.code === "content_filter" || upstream.innerCode === "ResponsibleAIPolicyViolation")) {
    return new GatewayError("content_blocked", `The upstream's content filter blocked this request${said}`);
  }
  if (status === 400 || status === 422) {
    return new GatewayError("invalid_request", `The upstream rejected the request${said}`, { param: upstream.param });
  }
  if (status === 413) return new GatewayError("request_too_large", `The upstream rejected the request as too large${said}`);
  if (status === 401 || status === 403) {
    return new GatewayError("upstream_error", "The upstream rejected the gateway's credentials.", { retryable: true });
  }
  if (status === 404) {
    return new GatewayError("upstream_error", "The upstream does not have this deployment.", { retryable: true });
  }
  if (status === 408 || status === 504) {
    return new GatewayError("upstream_timeout", "The upstream timed out.", { retryable: true });
  }
  return new GatewayError("upstream_error", `The upstream failed with status ${status}.`, { retryable: status >= 500 });
}

interface UpstreamErrorFields {
  message: string | undefined;
  code: string | undefined;
  innerCode: string | undefined;
  param: string | undefined;
}

function readError(body: string): UpstreamErrorFields {
  const out: UpstreamErrorFields = { message: undefined, code: undefined, innerCode: undefined, param: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return out;
  }
  const error = isObject(parsed) ? parsed["error"] : undefined;
  if (!isObject(error)) return out;
  if (typeof error["message"] === "string") out.message = error["message"];
  if (typeof error["code"] === "string") out.code = error["code"];
  if (typeof error["param"] === "string") out.param = error["param"];
  const inner = error["innererror"];
  if (isObject(inner) && typeof inner["code"] === "string") out.innerCode = inner["code"];
  return out;
}

/** `retry-after-ms` (Azure), then `retry-after` in seconds or as an HTTP date. */
export function retryAfterFrom(headers: Readonly<Record<string, string>>): number | undefined {
  const ms = Number(headers["retry-after-ms"]);
  if (headers["retry-after-ms"] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers["retry-after"];
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(after);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
