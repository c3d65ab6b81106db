import type { SafetyEventLog } from "../safety/safety-events.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config/config.js";
import { GatewayError } from "../core/errors.js";
import { isObject, type JsonObject } from "../core/json.js";
import { bounded } from "../core/bounded.js";
import type { UsageRecord } from "../core/usage-record.js";
import { credentialFrom } from "../http/credential.js";
import { readJsonBody } from "../http/read-json-body.js";
import { writeJson } from "../http/write-error.js";
import type { Logger } from "../observability/logger.js";
import type { Role } from "../policies/auth/auth-settings.js";
import type { AuthBundle } from "../policies/auth/auth-services.js";
import type { Principal } from "../policies/auth/principal.js";
import type { Database } from "../store/database.js";

/** `any`: every authenticated caller (e.g. whoami). There is no anonymous admin route. */
export type RouteRole = Role | "any";
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler sees: the caller, the route's parameters, and the services of the config serving now. */
export interface AdminRequest {
  readonly id: string;
  readonly principal: Principal;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly config: Config;
  readonly auth: AuthBundle;
  /** A consumer's newest usage records, newest first, from the metering store. */
  recentUsage(consumer: string, limit: number): Promise<readonly UsageRecord[]>;
  /** Stores what this process has written ahead, so a report includes the requests just made. */
  drainUsage(): Promise<void>;
  readonly database: Database;
  readonly log: Logger;
  /** Recent content-safety events (memory ring); none when the gateway keeps none. */
  readonly safetyEvents: SafetyEventLog | undefined;
  /** The JSON object body: `{}` when none was sent, 400 when it is not an object. */
  body(): Promise<JsonObject>;
}

export interface AdminReply {
  readonly status: number;
  readonly body: unknown;
}

export type AdminHandler = (req: AdminRequest) => AdminReply | Promise<AdminReply>;

export const ok = (body: unknown): AdminReply => ({ status: 200, body });
export const created = (body: unknown): AdminReply => ({ status: 201, body });

/** What the router needs from the gateway, read on every request so reloads apply at once. */
export interface AdminServices {
  config(): Config;
  auth(config: Config): AuthBundle;
  /** A consumer's newest usage records, newest first, from the metering store. */
  recentUsage(consumer: string, limit: number): Promise<readonly UsageRecord[]>;
  drainUsage(): Promise<void>;
  readonly database: Database;
  readonly log: Logger;
  readonly safetyEvents?: SafetyEventLog;
}

interface Route {
  readonly method: Method;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly roles: readonly RouteRole[];
  readonly handler: AdminHandler;
}

/**
 * The `/admin/*` JSON API. Every route declares the roles that may call it; a caller is
 * authenticated before any route is matched, and a route nobody declared does not exist
 * (default deny). Errors are the data plane's OpenAI-shaped JSON.
 */
export class AdminRouter {
  private readonly routes: Route[] = [];

  /** One line per route: `router.add("GET", "/admin/keys/{id}", "platform-admin", handler)`. */
  add(method: Method, pattern: string, roles: RouteRole | readonly RouteRole[], handler: AdminHandler): this {
    if (!pattern.startsWith("/admin/")) throw new Error(`admin route ${pattern} must start with /admin/`);
    const list = typeof roles === "string" ? [roles] : roles;
    if (list.length === 0) throw new Error(`admin route ${method} ${pattern} declares no role`);
    this.routes.push({ method, pattern, segments: pattern.split("/"), roles: list, handler });
    return this;
  }

  /** Every route as `METHOD /pattern` with its roles (docs are checked against it). */
  list(): Array<{ method: Method; pattern: string; roles: readonly RouteRole[] }> {
    return this.routes.map(({ method, pattern, roles }) => ({ method, pattern, roles }));
  }

  /** Logs every call (who, which route, outcome) — never the credential or the body. */
  async handle(req: IncomingMessage, res: ServerResponse, id: string, services: AdminServices): Promise<void> {
    const seen: { route?: string; subject?: string } = {};
    try {
      const status = await this.serve(req, res, id, services, seen);
      services.log.info({ requestId: id, method: req.method, route: seen.route, subject: seen.subject, status }, "admin request");
    } catch (err) {
      const code = err instanceof GatewayError ? err.code : "internal";
      const level = code === "invalid_api_key" || code === "permission_denied" ? "warn" : "info";
      const path = seen.route ?? bounded((req.url ?? "").split("?")[0] ?? "");
      services.log[level]({ requestId: id, method: req.method, route: path, subject: seen.subject, code }, "admin request refused");
      throw err;
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse, id: string, services: AdminServices, seen: { route?: string; subject?: string }): Promise<number> {
    const url = new URL(req.url ?? "/", "http://admin.invalid");
    const credential = credentialFrom(req.headers);
    if (!credential) {
      throw new GatewayError("invalid_api_key", "The admin API needs a credential: Authorization: Bearer <token or key>, or api-key.");
    }
    const config = services.config();
    const auth = services.auth(config);
    const principal = await auth.principal(credential);
    seen.subject = bounded(principal.subject);
    // The data plane's rule: a credential for another environment opens nothing here either.
    if (principal.environment !== config.environment) {
      throw new GatewayError("permission_denied", `This credential is for the ${principal.environment} environment; this gateway serves ${config.environment}.`);
    }
    const method = req.method ?? "GET";
    const { route, params } = this.match(method, url.pathname);
    seen.route = route.pattern;
    if (!route.roles.includes("any") && !route.roles.some((r) => r !== "any" && principal.roles.includes(r))) {
      throw new GatewayError("permission_denied", `${method} ${route.pattern} needs the role ${route.roles.join(" or ")}; you have ${principal.roles.join(", ") || "no role"}.`);
    }
    const request: AdminRequest = {
      id,
      principal,
      params,
      query: url.searchParams,
      config,
      auth,
      recentUsage: (consumer, limit) => services.recentUsage(consumer, limit),
      drainUsage: () => services.drainUsage(),
      safetyEvents: services.safetyEvents,
      database: services.database,
      log: services.log,
      body: async () => {
        if (!hasBody(req)) return {};
        const body = await readJsonBody(req, 1024 * 1024, config.maxJsonDepth, config.bodyIdleMs);
        if (!isObject(body)) throw new GatewayError("invalid_request", "The request body must be a JSON object.");
        return body;
      },
    };
    const reply = await route.handler(request);
    writeJson(res, reply.status, reply.body, id);
    return reply.status;
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } {
    const segments = path.split("/");
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    if (pathMatched) throw new GatewayError("method_not_allowed", `${method} is not allowed on ${bounded(path)}.`);
    throw new GatewayError("route_not_found", `Unknown admin route ${bounded(path)}.`);
  }
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = actual[i] as string;
    if (want.startsWith("{") && want.endsWith("}")) {
      if (got === "") return undefined;
      try {
        params[want.slice(1, -1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
