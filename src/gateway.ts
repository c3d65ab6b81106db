import { watch, type FSWatcher } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config/config.js";
import type { ConfigIssue } from "./config/issues.js";
import { formatIssue } from "./config/issues.js";
import { loadConfig } from "./config/load.js";
import type { Environment } from "./core/catalog.js";
import type { UsageSink } from "./core/usage-record.js";
import { createHandler } from "./http/handler.js";
import type { Runtime } from "./http/runtime.js";
import { MemoryUsageSink } from "./metering/memory-usage-sink.js";
import { createLogger, type Logger } from "./observability/logger.js";
import { createUpstreamAgent } from "./providers/http-transport.js";
import { createProviders } from "./providers/registry.js";
import { buildRuntime } from "./runtime.js";

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
  readonly usage: UsageSink;
  config(): Config;
  /** Re-reads the folder; an invalid folder leaves the running config in place. */
  reload(): { ok: true } | { ok: false; issues: readonly ConfigIssue[] };
  close(): Promise<void>;
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
  const agent = createUpstreamAgent();
  const providers = createProviders(agent);
  const usage = options.usageSink ?? new MemoryUsageSink();
  let runtime: Runtime = buildRuntime(first.config, { providers, usage, log });

  const reload = (): { ok: true } | { ok: false; issues: readonly ConfigIssue[] } => {
    const next = load();
    if (!next.ok) {
      log.warn({ issues: next.issues.map(formatIssue) }, "config reload rejected; keeping the last good config");
      return { ok: false, issues: next.issues };
    }
    runtime = buildRuntime(next.config, { providers, usage, log });
    log.info({ consumers: next.config.consumers.size }, "config reloaded");
    return { ok: true };
  };

  const server: Server = createServer({ keepAliveTimeout: 65_000 }, createHandler({ runtime: () => runtime, ready: async () => true }, log));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? first.config.listen.port, options.host ?? first.config.listen.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const watcher = options.watch === false ? undefined : watchFolder(options.configDir, reload);

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    usage,
    config: () => runtime.config,
    reload,
    async close() {
      watcher?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await agent.close();
    },
  };
}

/** Debounced: an editor's save is several events, a `git checkout` many more. */
function watchFolder(dir: string, reload: () => unknown): FSWatcher | undefined {
  let timer: NodeJS.Timeout | undefined;
  try {
    const watcher = watch(dir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 150);
      timer.unref();
    });
    watcher.unref();
    return watcher;
  } catch {
    return undefined;
  }
}
