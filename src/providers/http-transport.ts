import { Agent, request } from "undici";
import { GatewayError } from "../core/errors.js";
import { usageFromOpenAI } from "../core/usage.js";
import { isObject } from "../core/json.js";
import type { HttpAdapter, Provider, UpstreamResult } from "./provider.js";
import { sseEvents } from "./sse-events.js";
import { transportError } from "./transport-error.js";

export interface TransportTimeouts {
  readonly connectMs: number;
  /** Until the response headers arrive: a model can think for a while before it answers. */
  readonly firstByteMs: number;
  /** Longest silence between two body chunks. */
  readonly idleMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 10_000, firstByteMs: 300_000, idleMs: 120_000 };

/**
 * One keep-alive Agent for every upstream. Connections are unbounded per origin because each
 * stream holds one for its whole life; a small cap would queue streams behind each other.
 */
export function createUpstreamAgent(timeouts: TransportTimeouts = DEFAULT_TIMEOUTS): Agent {
  return new Agent({
    keepAliveTimeout: 30_000,
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.firstByteMs,
    bodyTimeout: timeouts.idleMs,
  });
}

const FORWARDED = ["x-ratelimit-remaining-tokens", "x-ratelimit-remaining-requests", "retry-after", "retry-after-ms"];

export function httpProvider(adapter: HttpAdapter, agent: Agent): Provider {
  return {
    id: adapter.id,
    async send(call, target): Promise<UpstreamResult> {
      const upstream = adapter.buildRequest(call, target);
      let res: Awaited<ReturnType<typeof request>>;
      try {
        res = await request(upstream.url, {
          method: "POST",
          headers: upstream.headers,
          body: upstream.body,
          dispatcher: agent,
          signal: call.signal,
        });
      } catch (err) {
        throw transportError(err, call.signal);
      }
      const headers = pickHeaders(res.headers);
      try {
        if (res.statusCode >= 400) throw adapter.parseError(res.statusCode, await res.body.text(), headers);
        const type = String(res.headers["content-type"] ?? "");
        if (call.stream && type.includes("text/event-stream")) {
          return { kind: "stream", events: sseEvents(res.body, call.signal), headers };
        }
        const text = await res.body.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new GatewayError("upstream_error", "The upstream answered with a body that is not JSON.", { retryable: true });
        }
        if (call.stream || !isObject(parsed)) {
          throw new GatewayError("upstream_error", "The upstream answered in an unexpected format.", { retryable: true });
        }
        return { kind: "json", status: res.statusCode, body: text, usage: usageFromOpenAI(parsed["usage"]), headers };
      } catch (err) {
        res.body.destroy();
        throw err instanceof GatewayError ? err : transportError(err, call.signal);
      }
    },
  };
}

function pickHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED) {
    const v = raw[name];
    if (typeof v === "string") out[name] = v;
  }
  return out;
}
