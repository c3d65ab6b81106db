import { watch, type FSWatcher } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Config } from "./config/config.js";
import type { ConfigIssue } from "./config/issues.js";
import { formatIssue } from "./config/issues.js";
import { loadConfig } from "./config/load.js";
import type { Environment } from "./core/catalog.js";
import type { UsageSink } from "./core/usage-record.js";
import { createHandler } from "./http/handler.js";
import { guardConnections } from "./http/connection-guard.js";
import type { Runtime } from "./http/runtime.js";
import { preloadEncodings } from "./metering/tokenizer.js";
import { openUsageService } from "./metering/usage-service.js";
import { openAuditService } from "./audit/audit-service.js";
import { rejectionLog } from "./observability/access-log.js";
import { GatewayMetrics } from "./observability/metrics.js";
import { openTracing } from "./observability/tracing.js";
import { createLogger, type Logger } from "./observability/logger.js";
import { settingsNeedingRestart } from "./config/restart-settings.js";
import { createUpstreamAgents } from "./providers/upstream-agents.js";
import { createProviders } from "./providers/registry.js";
import { RoutingState } from "./routing/routing-state.js";
import { buildRuntime } from "./runtime.js";
import { createAdmin } from "./admin/create-admin.js";
import { SafetyEventLog } from "./safety/safety-events.js";
import { createAuthServices } from "./policies/auth/auth-services.js";
import { openDatabase, type Database } from "./store/database.js";
import { openState } from "./state/open-state.js";

export interface GatewayOptions {
  readonly configDir: string;
  /** Overrides `listen.port`; 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly environment?: Environment;
  readonly logger?: Logger;
  /** Reload when a file in the config folder changes. Default true. */
  readonly watch?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly usageSink?: UsageSink;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  /** `GatewayOptions.usageSink`, which sees every usage record; none unless one was given. */
  readonly usage: UsageSink | undefined;
  /** The store opened from `storage:` (also in RuntimeDeps); closed by close(). */
  readonly database: Database;
  config(): Config;
  /** Re-reads the folder; an invalid folder leaves the running config in place. */
  reload(): { ok: true } | { ok: false; issues: readonly ConfigIssue[] };
  /** Drains and stops; `signal` (e.g. SIGTERM) is named in the log line that says so. */
  close(signal?: string): Promise<void>;
}

export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`config has ${issues.length} problem(s):\n${issues.map(formatIssue).join("\n")}`);
  }
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const load = () => loadConfig(options.configDir, { environment: options.environment, env: options.env });
  const first = load();
  if (!first.ok) throw new ConfigError(first.issues);
  const log = options.logger ?? createLogger(first.config.platform.log.level);
  if (first.warnings.length > 0) log.warn({ warnings: first.warnings.map(formatIssue) }, "config warnings (likely typos)");
  // Opened once, shared by every store (keys, usage, …); `storage` changes need a restart.
  const database = await openDatabase(first.config.platform.storage, first.config.dir);
  const agent = createUpstreamAgents();
  agent.allow(first.config.egress);
  const auth = createAuthServices(database, { dispatcher: () => agent.dispatcher() });
  // Member health (circuits, cool-downs) outlives reloads, like the connection pools; its changes
  // are logged at warn with the upstream's answer.
  const routing = new RoutingState({
    circuitOpened: (member, reason, cooldownMs) => log.warn({ member, reason, cooldownMs }, "circuit opened"),
    circuitClosed: (member) => log.warn({ member }, "circuit closed"),
    coolingDown: (member, reason, coolMs) => log.warn({ member, reason, coolMs }, "member cooling down"),
  });
  const providers = createProviders(agent);
  // A copy of each record for an in-process reader (tests); the admin API reads the store.
  const usage = options.usageSink;
  const { telemetry, prices } = first.config.platform;
  const metrics = new GatewayMetrics({ byConsumer: telemetry.metricsByConsumer, currency: prices.currency });
  // Every member config names, healthy or not, so an alert sees the series before the first failure.
  metrics.watchMembers(() => runtime.config.deployments.map((d) => routing.member(`${d.resource}/${d.name}`)));
  // Usage records: metrics, access log, then the outbox and the store (and `usage`, when given).
  const metering = await openUsageService(first.config, database, { metrics, log, config: () => runtime.config, also: usage }).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  // Audit records: write-ahead outbox → redaction workers → store (docs/audit.md); outlives reloads.
  const audit = await openAuditService(first.config, database, { log, config: () => runtime.config, registry: metrics.registry, watchOutbox: (name, source) => metrics.watchOutbox(name, source) }).catch(async (err: unknown) => {
    await metering.close(0);
    await database.close();
    throw err;
  });
  const tracing = openTracing(telemetry, log);
  // Limit and budget counters outlive reloads (like member health); `state` changes need a restart.
  const state = await openState(first.config.platform.state, { log, metrics });
  // Recent content-safety events for GET /admin/safety/events; a fixed ring that outlives reloads.
  const safetyEvents = new SafetyEventLog();
  let runtime: Runtime = buildRuntime(first.config, { providers, usage: metering.sink, metrics, trace: tracing?.observe, log, routing, database, auth, state, audit, safetyEvents });

  const reload = (): { ok: true } | { ok: false; issues: readonly ConfigIssue[] } => {
    const next = load();
    if (!next.ok) {
      log.warn({ issues: next.issues.map(formatIssue) }, "config reload rejected; keeping the last good config");
      return { ok: false, issues: next.issues };
    }
    agent.allow(next.config.egress);
    runtime = buildRuntime(next.config, { providers, usage: metering.sink, metrics, trace: tracing?.observe, log, routing, database, auth, state, audit, safetyEvents });
    // What was opened at start keeps its first settings: say so rather than "reloaded".
    const stale = settingsNeedingRestart(first.config.platform, next.config.platform);
    if (stale.length > 0) {
      log.warn({ consumers: next.config.consumers.size, restartNeeded: stale }, `config reloaded, but ${stale.join(", ")} changed: restart to apply`);
    } else log.info({ consumers: next.config.consumers.size }, "config reloaded");
    return { ok: true };
  };

  const limits = first.config.platform.server;
  const server: Server = createServer({
    keepAliveTimeout: limits.keepAliveTimeoutSeconds * 1000,
    headersTimeout: limits.headersTimeoutSeconds * 1000,
    requestTimeout: limits.requestTimeoutSeconds * 1000,
    // Node checks those two timeouts on this period (30 s by default, which stretches them).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutSeconds * 500),
  });
  const track = guardConnections(server, limits.maxConnections, () => metrics.httpRejected(503, "too_many_connections"));
  const handler = createHandler({
    runtime: () => runtime,
    // Ready when every store a request needs answers: the database, and Redis when limits live there.
    ready: async () => (await Promise.all([database.ping(), state.ping()])).every(Boolean),
    metrics: () => metrics.render(),
    admin: createAdmin({
      config: () => runtime.config,
      auth: (config) => auth.forConfig(config),
      // Stores what this process has written ahead first, so a caller sees the request it just made.
      recentUsage: async (consumer, limit) => {
        await metering.outbox.drain().catch(() => undefined);
        return metering.store.recent(consumer, limit);
      },
      drainUsage: () => metering.outbox.drain().catch(() => undefined),
      database,
      log,
      safetyEvents,
    }),
    rejected: (rejection) => {
      metrics.httpRejected(rejection.status, rejection.code);
      rejectionLog(log, rejection);
    },
  }, log);
  server.on("request", (req, res) => {
    track(req.socket, res);
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? first.config.listen.port, options.host ?? first.config.listen.host, () => resolve());
  }).catch(async (err: unknown) => {
    await audit.close(0);
    await metering.close(0);
    await state.close();
    await tracing?.close();
    await database.close();
    throw err;
  });
  preloadEncodings(first.config.deployments.map((d) => d.model));
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const watcher = options.watch === false ? undefined : watchFolder(options.configDir, reload);

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    usage,
    database,
    config: () => runtime.config,
    reload,
    async close(signal) {
      watcher?.close();
      const startedMs = performance.now();
      log.info({ signal }, signal ? `${signal} received: draining in-flight requests` : "draining in-flight requests");
      // Drain: in-flight requests finish, but a busy keep-alive connection would keep the server
      // open for ever, so idle moments between requests close it, and after 10 s the rest go.
      await new Promise<void>((resolve) => {
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const force = setTimeout(() => server.closeAllConnections(), 10_000);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      await agent.close();
      await audit.close();
      await metering.close();
      await state.close();
      await tracing?.close();
      await database.close();
      log.info({ drainMs: Math.round(performance.now() - startedMs) }, "drained; stopped");
    },
  };
}

/** Debounced: an editor's save is several events, a `git checkout` many more. */
function watchFolder(dir: string, reload: () => unknown): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(reload, 150);
    timer.unref();
  };
  // The folder itself (atrium.yaml, a new subfolder) and each config subfolder, not recursively:
  // the embedded database and `.atrium/` write here all the time and are not config.
  const watchers: FSWatcher[] = [];
  for (const path of [dir, ...CONFIG_FOLDERS.map((f) => join(dir, f))]) {
    try {
      const w = watch(path, (_event, file) => {
        if (path === dir && file && !/^(atrium\.ya?ml|deployments|consumers|mappings|tiers)$/.test(String(file))) return;
        changed();
      });
      w.unref();
      watchers.push(w);
    } catch {
      // A subfolder that does not exist yet has nothing to watch.
    }
  }
  return { close: () => watchers.forEach((w) => w.close()) };
}

const CONFIG_FOLDERS = ["deployments", "consumers", "mappings", "tiers"];
