import { request, type Dispatcher } from "../net/undici.js";
import type { ClientCredentials } from "../core/catalog.js";
import { GatewayError } from "../core/errors.js";
import { isObject } from "../core/json.js";

interface Held {
  readonly header: string;
  /** From here a request still uses the token but starts fetching its successor. */
  readonly refreshAtMs: number;
  /** After this the token is not sent: it could expire while the request is in flight. */
  readonly usableUntilMs: number;
}

const FETCH_TIMEOUT_MS = 10_000;

/**
 * OAuth 2.0 client-credentials tokens for upstreams that take `Authorization: Bearer` (Azure
 * OpenAI with Entra ID). One token per (token URL, client, scope), shared by every request: from
 * 75% of its lifetime a request triggers a background refresh, and past 90% (at most 5 minutes
 * before expiry) requests wait for the new one. Concurrent fetches for one client are one fetch.
 * The fetch goes through the gateway's egress-checked dispatcher: the token URL is named by config.
 */
export class ClientCredentialTokens {
  private readonly held = new Map<string, Held>();
  private readonly pending = new Map<string, Promise<Held>>();

  constructor(
    private readonly dispatcher: () => Dispatcher,
    private readonly now: () => number = Date.now,
  ) {}

  /** The `Authorization` header value; synchronous while the held token is fresh. */
  header(credentials: ClientCredentials): string | Promise<string> {
    const key = `${credentials.tokenUrl}\n${credentials.clientId}\n${credentials.scope}`;
    const held = this.held.get(key);
    const now = this.now();
    if (held && now < held.usableUntilMs) {
      if (now >= held.refreshAtMs && !this.pending.has(key)) this.fetch(key, credentials).catch(() => undefined);
      return held.header;
    }
    return (this.pending.get(key) ?? this.fetch(key, credentials)).then((h) => h.header);
  }

  private fetch(key: string, credentials: ClientCredentials): Promise<Held> {
    const fetching = this.request(credentials)
      .then((held) => {
        this.held.set(key, held);
        return held;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, fetching);
    return fetching;
  }

  private async request(credentials: ClientCredentials): Promise<Held> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: credentials.scope,
    });
    const startedAt = this.now();
    let status: number;
    let body: unknown;
    try {
      const res = await request(credentials.tokenUrl, {
        method: "POST",
        dispatcher: this.dispatcher(),
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form.toString(),
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      status = res.statusCode;
      body = await res.body.json().catch(() => undefined);
    } catch (err) {
      throw failure("its identity provider could not be reached", err);
    }
    if (status !== 200 || !isObject(body) || typeof body["access_token"] !== "string") {
      const code = isObject(body) && typeof body["error"] === "string" ? `, ${body["error"].slice(0, 60)}` : "";
      throw failure(`its identity provider answered ${status}${code}`);
    }
    // Entra's v1 endpoint sends expires_in as a string.
    const lifetimeMs = Math.max(1, Number(body["expires_in"]) || 3600) * 1000;
    return {
      header: `Bearer ${body["access_token"]}`,
      refreshAtMs: startedAt + lifetimeMs * 0.75,
      usableUntilMs: startedAt + lifetimeMs - Math.min(lifetimeMs * 0.1, 300_000),
    };
  }
}

/** Another pool member may use other credentials, so this is worth a failover. */
function failure(why: string, cause?: unknown): GatewayError {
  return new GatewayError("upstream_error", `The gateway could not obtain its credential for the upstream: ${why}.`, { retryable: true, cause });
}
