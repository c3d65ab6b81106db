import type { Admission } from "./limiter.js";

/**
 * OpenAI's rate-limit headers for an admission. Clients (the openai SDKs among them) read
 * retry-after-ms before retry-after, so both are sent on a rejection; retry-after is whole
 * seconds (RFC 9110), rounded up so a client never comes back early.
 */
export function limiterHeaders(admission: Admission): Record<string, string> {
  const headers: Record<string, string> = {};
  const put = (name: string, value: string | undefined): void => {
    if (value !== undefined) headers[name] = value;
  };
  put("x-ratelimit-limit-requests", count(admission.limitRequests));
  put("x-ratelimit-limit-tokens", count(admission.limitTokens));
  put("x-ratelimit-remaining-requests", count(admission.remainingRequests));
  put("x-ratelimit-remaining-tokens", count(admission.remainingTokens));
  put("x-ratelimit-reset-requests", duration(admission.resetRequestsMs));
  put("x-ratelimit-reset-tokens", duration(admission.resetTokensMs));
  const retryMs = admission.retryAfterMs;
  if (!admission.ok && retryMs !== undefined && Number.isFinite(retryMs)) {
    headers["retry-after"] = String(Math.ceil(retryMs / 1000));
    headers["retry-after-ms"] = String(Math.ceil(retryMs));
  }
  return headers;
}

function count(n: number | undefined): string | undefined {
  return n === undefined || !Number.isFinite(n) ? undefined : String(Math.floor(n));
}

function duration(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) ? undefined : openaiDuration(ms);
}

/**
 * OpenAI prints resets the way Go prints a time.Duration: "120ms", "1s", "1.5s", "6m0s",
 * "1h0m0s". Rounded up to whole milliseconds, the finest unit the limiter reports.
 */
export function openaiDuration(ms: number): string {
  const total = Math.ceil(ms);
  if (total <= 0) return "0s";
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const millis = total % 60_000;
  const whole = Math.floor(millis / 1000);
  const fraction = millis % 1000;
  const seconds = fraction === 0 ? `${whole}` : `${whole}.${String(fraction).padStart(3, "0").replace(/0+$/, "")}`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
