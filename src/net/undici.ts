import type { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import type * as Undici from "undici";

export type Dispatcher = Undici.Dispatcher;
export type Agent = Undici.Agent;

const require = createRequire(import.meta.url);

/**
 * The part of undici Atrium uses (Agent, `request`, error classes), loaded without undici's
 * index, which also loads fetch, WebSocket, EventSource, the HTTP caches and the mocks: ~8 MiB
 * resident for code a gateway never runs. The wiring is the index's own: the request API is
 * installed on the Dispatcher prototype.
 */
const api = require("undici/lib/api/index.js") as Record<string, unknown>;
const DispatcherClass = require("undici/lib/dispatcher/dispatcher.js") as { prototype: object };
if (!("request" in DispatcherClass.prototype)) Object.assign(DispatcherClass.prototype, api);

export const Agent = require("undici/lib/dispatcher/agent.js") as typeof Undici.Agent;
export const errors = require("undici/lib/core/errors.js") as typeof Undici.errors;

/** What Atrium sends with: every caller passes a subset of these. */
export interface RequestOptions {
  readonly method: Undici.Dispatcher.HttpMethod;
  readonly dispatcher: Dispatcher;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** An AbortSignal, or an EventEmitter with `aborted` and `reason` (a RequestSignal). */
  readonly signal?: AbortSignal | EventEmitter;
  readonly headersTimeout?: number;
  readonly bodyTimeout?: number;
}

/**
 * undici's `request(url, options)`: one call on `options.dispatcher` for an absolute URL. The
 * options object is a literal with the same keys every time, not a spread of the caller's: on
 * Node 20, `{ ...options, origin }` gets a new hidden class per call, and undici reads ~25
 * properties of it per request; each of those reads then missed V8's inline caches (about 60,000
 * instructions a request, measured under callgrind).
 */
export function request(url: string, options: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const parsed = new URL(url);
  return options.dispatcher.request({
    origin: parsed.origin,
    path: `${parsed.pathname}${parsed.search}`,
    method: options.method,
    headers: options.headers,
    body: options.body,
    signal: options.signal,
    headersTimeout: options.headersTimeout,
    bodyTimeout: options.bodyTimeout,
  });
}
