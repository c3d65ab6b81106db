import type { IncomingMessage, ServerResponse } from "node:http";
import type { CorsSettings } from "../config/cors-schema.js";

/** Headers a browser script may read: the request id, rate limits, retry hints and routing. */
const EXPOSED = "x-request-id, retry-after, retry-after-ms, x-ratelimit-limit-requests, x-ratelimit-limit-tokens, x-ratelimit-remaining-requests, x-ratelimit-remaining-tokens, x-ratelimit-reset-requests, x-ratelimit-reset-tokens, x-atrium-target, x-atrium-attempts";
/** What the SDKs send (OpenAI's `x-stainless-*` and `openai-*` among them) when preflight does not ask. */
const DEFAULT_ALLOWED_HEADERS = "authorization, api-key, content-type, x-request-id";

/**
 * CORS for an allowed origin: the headers on every response, and the whole answer (204) to a
 * preflight. A request from any other origin, or with CORS off, gets no CORS header at all, so
 * the browser refuses it. No credentials mode: keys travel in headers, not cookies.
 * Returns true when the request was a preflight and has been answered.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, cors: CorsSettings, requestId: string): boolean {
  const origin = req.headers.origin;
  res.setHeader("vary", "Origin");
  if (origin === undefined || !(cors.origins.includes(origin) || cors.origins.includes("*"))) return false;
  res.setHeader("access-control-allow-origin", origin);
  const method = req.headers["access-control-request-method"];
  if (req.method !== "OPTIONS" || method === undefined) {
    res.setHeader("access-control-expose-headers", EXPOSED);
    return false;
  }
  const asked = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
    // Echoed (the origin is trusted): SDKs add headers of their own from release to release.
    "access-control-allow-headers": typeof asked === "string" && asked.length <= 2048 ? asked : DEFAULT_ALLOWED_HEADERS,
    "access-control-max-age": String(cors.maxAgeSeconds),
    "x-request-id": requestId,
  });
  res.end();
  return true;
}
