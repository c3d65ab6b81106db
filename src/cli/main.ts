#!/bin/sh
//bin/true; exec env MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=8 "$0" "$@"
// Memory is sized before any code runs, so the command's first lines set it (docs/benchmark.md).
// sh runs /bin/true, then node with 8 MiB semi-spaces instead of 16 (~20 MiB less resident under
// load; V8 rounds the size up to a power of two, so 5, 6 or 7 would be 8 as well) and a fixed
// malloc mmap threshold (gives back the ~10 MiB that compiling undici's HTTP parser borrows once).
// Plain sh rather than `env -S`, which BusyBox (Alpine) and the BSDs lack; to JavaScript the line
// is a comment, so `node main.js` runs the same, without the two settings.
// Verbs load their modules on use: `validate` should not pay for the gateway, its stores and tokenizers.
import { createRequire } from "node:module";
import { Argument, Command, InvalidArgumentError, Option } from "commander";
import { ENVIRONMENTS, type Environment } from "../core/catalog.js";
import { registerKeysCommand } from "./keys-command.js";

const program = new Command()
  .name("atrium")
  .description("Atrium: a GenAI platform gateway for OpenAI and Azure OpenAI clients.")
  .version(packageVersion(), "-V, --version", "print the version")
  .showHelpAfterError();

const envOption = () => new Option("--env <env>", "environment to serve or plan for").choices(ENVIRONMENTS as string[]);

program
  .command("serve")
  .description("serve the gateway from a config folder; prints the URL it listens on")
  .option("--config <dir>", "config folder (atrium.yaml, deployments/, consumers/, mappings/)", ".")
  .option("--port <n>", "port to listen on; 0 picks a free one", port)
  .option("--host <host>", "address to listen on")
  .addOption(envOption())
  .action(async (o: { config: string; port?: number; host?: string; env?: Environment }) => {
    process.exitCode = await (await import("./serve-command.js")).serveCommand({ configDir: o.config, port: o.port, host: o.host, environment: o.env });
  });

program
  .command("demo")
  .description("serve the demo config that ships with Atrium and print its keys")
  .option("--port <n>", "port to listen on (default: $PORT, else 8080); 0 picks a free one", port)
  .action(async (o: { port?: number }) => {
    // PORT is what `npm start` users (and platforms that run it) set; --port wins over it.
    const fromEnv = process.env["PORT"] ? port(process.env["PORT"]) : undefined;
    process.exitCode = await (await import("./serve-command.js")).serveCommand({ configDir: new URL("../../demo", import.meta.url).pathname, port: o.port ?? fromEnv, demo: true });
  });

program
  .command("validate")
  .description("check a config folder; one line per problem (file, JSON path, message); exit 1 if any")
  .argument("<dir>", "config folder")
  .action(async (dir: string) => {
    process.exitCode = (await import("./validate-command.js")).validateCommand(dir);
  });

program
  .command("plan")
  .description("demand vs capacity per deployment and pool; PTU vs PAYG; flags over-subscription")
  .argument("<dir>", "config folder")
  .addOption(envOption())
  .option("--format <format>", "table or json", "table")
  .action(async (dir: string, o: { env?: Environment; format: string }) => {
    process.exitCode = (await import("./plan-command.js")).planCommand(dir, o.env, o.format);
  });

program
  .command("report")
  .description("usage or chargeback over a period, read from the configured store")
  .addArgument(new Argument("<kind>", "usage or chargeback").choices(["usage", "chargeback"]))
  .requiredOption("--from <date>", "first day (YYYY-MM-DD, UTC) or an ISO date-time")
  .requiredOption("--to <date>", "last day, included (YYYY-MM-DD), or an exclusive ISO date-time")
  .option("--by <group>", "consumer, costCentre or deployment (default: consumer for usage, costCentre for chargeback)")
  .option("--format <format>", "table, csv or json", "table")
  .option("--config <dir>", "config folder (storage: and prices:)", ".")
  .addOption(envOption())
  .action(async (kind: "usage" | "chargeback", o: { from: string; to: string; by?: string; format: string; config: string; env?: Environment }) => {
    process.exitCode = await (await import("./report-command.js")).reportCommand(kind, o);
  });

registerKeysCommand(program);

program
  .command("redact")
  .description('JSON Lines {"id","text"} on stdin → {"id","text"} redacted on stdout, same order; a bad line yields {"id","error"}')
  .addOption(new Option("--mode <mode>", "typed placeholders (<EMAIL>) or pseudonyms per line (<EMAIL_1>)").choices(["typed", "pseudonym"]).default("typed"))
  .option("--config <dir>", "also redact the credentials this config folder holds (static, admin and upstream keys)")
  .action(async (o: { mode: "typed" | "pseudonym"; config?: string }) => {
    let knownSecrets;
    if (o.config !== undefined) {
      const config = (await import("./store-config.js")).storeConfig(o.config);
      if (config === undefined) {
        process.exitCode = 2;
        return;
      }
      knownSecrets = (await import("../audit/config-secrets.js")).configSecrets(config);
    }
    const { lines, errors } = await (await import("./redact-command.js")).runRedact(process.stdin, process.stdout, { mode: o.mode, knownSecrets });
    if (errors > 0) process.stderr.write(`atrium: ${errors} of ${lines} line(s) could not be redacted (see their "error")\n`);
    process.exitCode = errors > 0 ? 1 : 0;
  });

const safety = program.command("safety").description("content safety: try a level's detectors on your own samples");
safety
  .command("scan")
  .description('JSON Lines {"id","text"} on stdin → {"id","flagged","categories","score"} on stdout, same order')
  .option("--config <dir>", "config folder whose safety/*.yaml replace or add levels")
  .option("--level <level>", "content-safety level (low, medium, high or one of the config's)", "medium")
  .action(async (o: { config?: string; level: string }) => {
    const result = await (await import("./safety-command.js")).runSafetyScan(process.stdin, process.stdout, { configDir: o.config, level: o.level });
    if ("error" in result) {
      process.stderr.write(`atrium: ${result.error}\n`);
      process.exitCode = 2;
      return;
    }
    if (result.errors > 0) process.stderr.write(`atrium: ${result.errors} of ${result.lines} line(s) could not be scanned (see their "error")\n`);
    process.exitCode = result.errors > 0 ? 1 : 0;
  });

program
  .command("audit-worker")
  .description("redact and store audit records from the Redis stream (audit.queue.kind redis-streams) until SIGTERM")
  .option("--config <dir>", "config folder (storage: and audit:)", ".")
  .option("--workers <n>", "consumer lanes in this process (default audit.workers)", (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError("a whole number from 1 to 64");
    return n;
  })
  .action(async (o: { config: string; workers?: number }) => {
    process.exitCode = await (await import("./audit-worker-command.js")).auditWorkerCommand(o);
  });

/** package.json sits two folders up from both src/cli/main.ts and dist/cli/main.js. */
function packageVersion(): string {
  const pkg: unknown = createRequire(import.meta.url)("../../package.json");
  const version = typeof pkg === "object" && pkg !== null ? (pkg as Record<string, unknown>)["version"] : undefined;
  return typeof version === "string" ? version : "unknown";
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return n;
}

await program.parseAsync(process.argv);
