import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { acceptsApiVersion, describeApiVersions } from "../config/api-versions.js";
import type { ClientInfo, RequestContext } from "../core/context.js";
import { GatewayError, asGatewayError } from "../core/errors.js";
import { RequestSignal } from "../core/request-signal.js";
import { applyCors } from "./cors.js";
import { isObject } from "../core/json.js";
import { bounded } from "../core/bounded.js";
import { credentialFrom } from "./credential.js";
import { modelListBody } from "./models-list.js";
import { readJsonBody } from "./read-json-body.js";
import { requestIdFrom } from "./request-id.js";
import { matchRoute, type RouteMatch } from "./route-match.js";
import type { HttpDeps, Runtime } from "./runtime.js";
import { validateBody } from "./validate-body.js";
import { describe, writeReply } from "./write-reply.js";
import { anthropicSurface } from "../surfaces/anthropic-messages/anthropic-surface.js";
import { countTokensBody } from "../surfaces/anthropic-messages/count-tokens.js";
import type { ClientSurface } from "../surfaces/surface.js";
import { writeError, writeJson } from "./write-error.js";

/** The one request handler: match, run the policy chain (auth, then the body, parsed once), write the reply. */
export function createHandler(deps: HttpDeps, log: Logger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const id = requestIdFrom(req.headers["x-request-id"]);
    const cors = deps.runtime().config.cors;
    if (cors !== undefined && applyCors(req, res, cors, id)) return;
    handle(req, res, id, deps, log).catch((err: unknown) => {
      const error = asGatewayError(err);
      if (error.code === "internal") log.error({ requestId: id, cause: describe(error.detail.cause ?? err) }, "request failed");
      writeError(res, error, id, {}, surfaceOf(req.url ?? "/"));
      const client = clientOf(req);
      deps.rejected?.({ requestId: id, method: req.method ?? "", path: bounded(pathOf(req.url ?? "/")), status: error.status, code: error.code, clientIp: client.ip, userAgent: client.userAgent });
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, id: string, deps: HttpDeps, log: Logger): Promise<void> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = pathOf(url, q);
  const runtime = deps.runtime();
  const match = matchRoute(path, runtime.config.enabledRoutes);
  switch (match.kind) {
    case "health":
      return writeJson(res, 200, { status: "ok" }, id);
    case "ready": {
      const ready = await deps.ready();
      return writeJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready" }, id);
    }
    case "metrics": {
      if (!deps.metrics) throw new GatewayError("route_not_found", "Metrics are not enabled.");
      const token = runtime.config.platform.metrics.token;
      if (token !== undefined) checkMetricsToken(req, token);
      const m = await deps.metrics();
      res.writeHead(200, { "content-type": m.contentType, "x-request-id": id });
      res.end(m.body);
      return;
    }
    case "admin":
      if (!deps.admin) throw new GatewayError("route_not_found", `No admin route ${match.path}.`);
      return deps.admin(req, res, id);
    case "not_found":
      throw notFound(match.path, match.restricted);
    case "models": {
      if (req.method !== "GET") throw new GatewayError("method_not_allowed", `Use GET for ${path}.`);
      const ctx = context(req, id, match, "", undefined, new RequestSignal(), noBody);
      const identity = await runtime.identify(ctx);
      return writeJson(res, 200, modelListBody(identity, runtime.config.environment, match.id), id);
    }
    case "count_tokens": {
      if (req.method !== "POST") throw new GatewayError("method_not_allowed", `Use POST for ${path}.`);
      if (credentialFrom(req.headers, true) === undefined) throw noCredential();
      const identity = await runtime.identify(context(req, id, match, "", undefined, new RequestSignal(), noBody));
      const config = runtime.config;
      const raw = await readJsonBody(req, config.maxBodyBytes, config.maxJsonDepth, config.bodyIdleMs);
      return writeJson(res, 200, countTokensBody(raw, identity), id);
    }
    case "inference": {
      if (req.method !== "POST") throw new GatewayError("method_not_allowed", `Use POST for ${path}.`);
      const apiVersion = match.surface === "azure" ? checkApiVersion(url, q, runtime.config.apiVersions) : undefined;
      const surface = match.surface === "anthropic" ? anthropicSurface : undefined;
      // A caller without any credential learns nothing about the body it sent.
      if (credentialFrom(req.headers, surface !== undefined) === undefined) throw noCredential();
      const signal = new RequestSignal();
      res.on("close", () => {
        if (!res.writableFinished) signal.abort();
      });
      // The body is read by the chain right after auth (body-policy.ts), never for a bad credential.
      const config = runtime.config;
      const load = (c: RequestContext): Promise<void> => loadBody(c, req, match, config, surface);
      const ctx = context(req, id, match, match.deployment ?? "", apiVersion, signal, load);
      let reply;
      try {
        reply = await runtime.pipeline(ctx);
      } catch (err) {
        const error = asGatewayError(err);
        if (error.code === "internal") log.error({ requestId: id, cause: describe(error.detail.cause ?? err) }, "request failed");
        return writeError(res, error, id, ctx.responseHeaders, surface);
      }
      return writeReply(res, reply, ctx, log, surface);
    }
  }
}

function context(
  req: IncomingMessage,
  id: string,
  match: RouteMatch,
  outsideName: string,
  apiVersion: string | undefined,
  signal: RequestSignal,
  load: RequestContext["loadBody"],
): RequestContext {
  const inference = match.kind === "inference" ? match : undefined;
  const surface = inference?.surface ?? (match.kind === "count_tokens" ? "anthropic" : "openai");
  return {
    id,
    surface,
    operation: inference?.operation ?? "chat",
    operationPath: inference?.operationPath ?? "",
    apiVersion,
    credential: credentialFrom(req.headers, surface === "anthropic"),
    loadBody: load,
    body: NO_BODY,
    outsideName,
    stream: false,
    clientWantsUsage: false,
    startedAtMs: performance.now(),
    signal,
    client: clientOf(req),
    identity: undefined,
    promptTokenEstimate: undefined,
    route: undefined,
    responseHeaders: {},
  };
}

function clientOf(req: IncomingMessage): ClientInfo {
  const agent = req.headers["user-agent"];
  return { ip: req.socket.remoteAddress, userAgent: agent === undefined ? undefined : agent.slice(0, 200) };
}

const NO_BODY: RequestContext["body"] = Object.freeze({});
const noBody = async (): Promise<void> => undefined;

/** Reads, parses and checks the body once the caller is known; the OpenAI surface's `model` names the deployment. */
async function loadBody(ctx: RequestContext, req: IncomingMessage, match: RouteMatch & { kind: "inference" }, config: Runtime["config"], surface: ClientSurface | undefined): Promise<void> {
  const raw = await readJsonBody(req, config.maxBodyBytes, config.maxJsonDepth, config.bodyIdleMs);
  const body = surface ? validateBody(surface.parse(raw), "openai", "chat") : validateBody(raw, match.surface, match.operation);
  const streamOptions = body["stream_options"];
  ctx.body = body;
  if (match.deployment === undefined) ctx.outsideName = body["model"] as string;
  ctx.stream = body["stream"] === true && match.operation !== "embeddings";
  // The Messages surface ends every stream with the usage, so it always takes the usage chunk.
  ctx.clientWantsUsage = surface !== undefined || (isObject(streamOptions) && streamOptions["include_usage"] === true);
}

/** The URL without its query string (`q`: the index of `?`, when already found). */
function pathOf(url: string, q = url.indexOf("?")): string {
  return q < 0 ? url : url.slice(0, q);
}

function noCredential(): GatewayError {
  return new GatewayError("invalid_api_key", "No credential was sent: use the api-key header or Authorization: Bearer <key or token>.");
}

/** The surface whose format an error before the route was handled is written in. */
function surfaceOf(url: string): ClientSurface | undefined {
  return url.startsWith("/v1/messages") ? anthropicSurface : undefined;
}

function checkApiVersion(url: string, q: number, allowList: readonly string[] | undefined): string {
  const version = q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get("api-version");
  if (version === null || version === "") {
    throw new GatewayError("unsupported_api_version", `The api-version query parameter is required. ${describeApiVersions(allowList)}`, { param: "api-version" });
  }
  if (!acceptsApiVersion(version, allowList)) {
    throw new GatewayError("unsupported_api_version", `The api-version '${version.slice(0, 64)}' is not supported. ${describeApiVersions(allowList)}`, { param: "api-version", status: 404 });
  }
  return version;
}

/** Constant time: both sides hashed to the same length first. */
function checkMetricsToken(req: IncomingMessage, token: string): void {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? "");
  const sent = createHash("sha256").update(m?.[1] ?? "").digest();
  if (m === null || !timingSafeEqual(sent, createHash("sha256").update(token).digest())) {
    throw new GatewayError("invalid_api_key", "GET /metrics needs Authorization: Bearer <the metrics token> (atrium.yaml metrics.token).");
  }
}

function notFound(path: string, restricted: boolean): GatewayError {
  const shown = bounded(path);
  return new GatewayError(
    "route_not_found",
    restricted
      ? `${shown} is not offered by this gateway; a platform admin can open it with api.enabledRoutes.`
      : `Unknown route ${shown}.`,
  );
}
