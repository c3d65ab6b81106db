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
    if (key) {
      process.stdout.write(`Demo key for consumer ${key.consumer}: ${key.key}\n`);
      process.stdout.write(
        `Try: curl -s ${gateway.url}/v1/chat/completions -H "Authorization: Bearer ${key.key}" -H "Content-Type: application/json" -d '{"model":"gpt35","messages":[{"role":"user","content":"Hello"}]}'\n`,
      );
    }
  }
  await gateway.close(await stopped);
  return 0;
}
