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

export type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, "origin" | "path" | "method"> & {
  readonly method: Undici.Dispatcher.HttpMethod;
  readonly dispatcher: Dispatcher;
};

/** undici's `request(url, options)`: one call on `options.dispatcher` for an absolute URL. */
export function request(url: string, options: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const parsed = new URL(url);
  return dispatcher.request({ ...rest, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` });
}
