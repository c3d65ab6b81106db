import { request } from "../net/undici.js";
import { GatewayError } from "../core/errors.js";
import { usageFromOpenAI } from "../core/usage.js";
import { isObject } from "../core/json.js";
import type { HttpAdapter, Provider, UpstreamResult } from "./provider.js";
import { sseEvents } from "./sse-events.js";
import { tailUsage } from "./tail-usage.js";
import { transportError } from "./transport-error.js";
import type { UpstreamAgents } from "./upstream-agents.js";
import type { ClientCredentialTokens } from "./entra-token.js";

export { DEFAULT_TIMEOUTS, createUpstreamAgents, type TransportTimeouts } from "./upstream-agents.js";

/** What routing reads: capacity hints for choosing the next member, retry-after for cooling one. */
const FORWARDED = ["x-ratelimit-remaining-tokens", "x-ratelimit-remaining-requests", "retry-after", "retry-after-ms"];

/**
 * The shared HTTP path of every HTTP provider. Per request: the pool's first-byte and idle timeouts
 * (undici's headersTimeout/bodyTimeout), its connect timeout (by choosing the Agent), the client's
 * signal (combined with the pool's total deadline by routing). Redirects are never followed.
 */
export function httpProvider(adapter: HttpAdapter, agents: UpstreamAgents, tokens?: ClientCredentialTokens): Provider {
  return {
    id: adapter.id,
    async send(call, target): Promise<UpstreamResult> {
      const upstream = adapter.buildRequest(call, target);
      // The platform's own Entra token (never the caller's credential); the adapter stays a translator.
      const entra = target.resource.entra;
      if (entra && tokens) upstream.headers["authorization"] = await tokens.header(entra);
      const t = call.timeouts;
      let res: Awaited<ReturnType<typeof request>>;
      try {
        res = await request(upstream.url, {
          method: "POST",
          headers: upstream.headers,
          body: upstream.body,
          dispatcher: agents.dispatcher(t?.connectMs),
          signal: call.signal,
          headersTimeout: t?.firstByteMs,
          bodyTimeout: t?.idleMs,
        });
      } catch (err) {
        throw transportError(err, call.signal);
      }
      const headers = pickHeaders(res.headers);
      try {
        if (res.statusCode >= 300 && res.statusCode < 400) {
          // A redirect could point anywhere; following it would bypass the egress allow-list.
          throw new GatewayError("upstream_error", `The upstream answered with a redirect (${res.statusCode}), which the gateway does not follow.`, { retryable: true });
        }
        if (res.statusCode >= 400) throw adapter.parseError(res.statusCode, await res.body.text(), headers);
        const type = String(res.headers["content-type"] ?? "");
        if (call.stream && type.includes("text/event-stream")) {
          return { kind: "stream", events: sseEvents(res.body, call.signal, adapter.streamTranslator?.(call, target)), headers };
        }
        let text: string;
        if (call.operation === "embeddings") {
          // Mostly numbers nobody here reads: the bytes go to the client as they came, and only
          // `usage` is read, from the end. A body without it there is parsed whole, like every
          // other reply.
          // A body read in one piece is passed on without a copy: `bytes()` copies it into a new
          // zero-filled buffer, which left RSS 5-8 MiB higher after embeddings load.
          const chunks: Buffer[] = [];
          for await (const chunk of res.body) chunks.push(chunk as Buffer);
          const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          const usage = tailUsage(body);
          if (usage !== undefined) return { kind: "json", status: res.statusCode, body, usage, headers };
          text = body.toString("utf8");
        } else text = await res.body.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new GatewayError("upstream_error", "The upstream answered with a body that is not JSON.", { retryable: true });
        }
        if (call.stream || !isObject(parsed)) {
          throw new GatewayError("upstream_error", "The upstream answered in an unexpected format.", { retryable: true });
        }
        if (adapter.parseReply) {
          const json = adapter.parseReply(parsed, call, target);
          return { kind: "json", status: res.statusCode, body: JSON.stringify(json), json, usage: usageFromOpenAI(json["usage"]), headers };
        }
        return { kind: "json", status: res.statusCode, body: text, json: parsed, usage: usageFromOpenAI(parsed["usage"]), headers };
      } catch (err) {
        // An unread body (a redirect, say) errors when destroyed; nobody else listens to it now.
        res.body.on("error", () => {}).destroy();
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
