import { ConfigError, startGateway } from "../gateway.js";
import type { Environment } from "../core/catalog.js";
import { formatIssue } from "../config/issues.js";
import { limitHeapGrowth } from "./heap-growth.js";

export interface ServeOptions {
  readonly configDir: string;
  readonly port?: number;
  readonly host?: string;
  readonly environment?: Environment;
  readonly demo?: boolean;
}

/** Starts the gateway, prints where it listens, and drains in-flight requests on SIGTERM/SIGINT. */
export async function serveCommand(options: ServeOptions): Promise<number> {
  limitHeapGrowth();
  let gateway;
  try {
    gateway = await startGateway(options);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`atrium: the config in ${options.configDir} has ${err.issues.length} problem(s):\n`);
      for (const issue of err.issues) process.stderr.write(`${formatIssue(issue)}\n`);
      return 1;
    }
    process.stderr.write(`atrium: cannot start: ${(err as Error).message}\n`);
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") process.stderr.write(`${portHint(options)}\n`);
    return 1;
  }
  // Listen for SIGTERM before announcing the URL: whoever reads it may stop us at once.
  const stopped = new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  const config = gateway.config();
  process.stdout.write(`Atrium listening on ${gateway.url} (environment ${config.environment})\n`);
  if (options.demo) {
    const key = config.staticKeys[0];
    const admin = config.platform.auth.adminKeys[0];
    if (key) {
      process.stdout.write(`Demo key for consumer ${key.consumer}: ${key.key}\n`);
      if (admin) process.stdout.write(`Demo admin key (${admin.roles.join(", ")}): ${admin.key}\n`);
      process.stdout.write(
        `Try: curl -s ${gateway.url}/v1/chat/completions -H "Authorization: Bearer ${key.key}" -H "Content-Type: application/json" -d '{"model":"gpt35","messages":[{"role":"user","content":"Hello"}]}'\n`,
      );
    }
  }
  await gateway.close(await stopped);
  return 0;
}

/** Another program holds the port: say how to pick another one, in the words of the command used. */
function portHint(options: ServeOptions): string {
  if (options.demo) {
    return "Another program listens on that port. Choose another: `npm start -- --port 8081`, `PORT=8081 npm start`, or `atrium demo --port 8081` (0 picks a free port).";
  }
  return "Another program listens on that port. Choose another with `--port 8081` (0 picks a free port) or `listen.port` in atrium.yaml.";
}
