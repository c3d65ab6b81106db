import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { benchConfigDir } from "./bench-config.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LOGS = mkdtempSync(join(tmpdir(), "atrium-bench-logs-"));
let started = 0;

export interface Started {
  readonly child: ChildProcess;
  readonly match: RegExpExecArray;
}

/**
 * Starts a process whose standard output goes to a file, as a log shipper would take it: a pipe
 * to the benchmark would stall whenever wrk (run synchronously) keeps it from reading.
 */
export async function startProcess(args: string[], pattern: RegExp, typescript = true, nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<Started> {
  const out = join(LOGS, `${++started}-${args[0]?.replace(/\W+/g, "-")}.log`);
  const fd = openSync(out, "w");
  const child = spawn(process.execPath, [...nodeArgs, ...(typescript ? ["--import", "tsx"] : []), ...args], { cwd: ROOT, stdio: ["ignore", fd, "inherit"], env: { ...process.env, ...env } });
  closeSync(fd);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  for (let waited = 0; waited < 30_000; waited += 50) {
    for (const line of readFileSync(out, "utf8").split("\n")) {
      const match = pattern.exec(line);
      if (match) return { child, match };
    }
    if (exited !== undefined) throw new Error(`${args.join(" ")} exited with ${exited}`);
    await sleep(50);
  }
  throw new Error(`${args.join(" ")} did not start within 30 s; see ${out}`);
}

/**
 * The environment and node flags the `atrium` command starts node with: its second line is
 * `//bin/true; exec env NAME=value … node --flag … "$0" "$@"`. Atrium runs as `atrium` runs.
 */
export function binLine(): { env: Record<string, string>; flags: string[] } {
  const line = readFileSync(join(ROOT, "dist/cli/main.js"), "utf8").split("\n", 2)[1] ?? "";
  const words = line.slice(line.indexOf("exec ") + 5).split(/\s+/);
  const env = Object.fromEntries(words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]));
  return { env, flags: words.filter((w) => w.startsWith("--")) };
}

/** The fake upstream, then Atrium built and served from `dist/` on the bench config (`nodeArgs`: flags for Atrium's node). */
export async function startUpstreamAndGateway(nodeArgs: string[] = []): Promise<{ upstream: Started; upstreamUrl: string; gateway: Started; atriumUrl: string }> {
  const upstream = await startProcess(["bench/fake-upstream.ts"], /^(\d+)$/);
  const upstreamUrl = `http://127.0.0.1:${upstream.match[1]}`;
  // The built output, as `atrium serve` runs in production (no TypeScript loader in the process).
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("build failed");
  const bin = binLine();
  const configDir = benchConfigDir(upstreamUrl);
  // The config folder also holds the run's SQLite store and outboxes: gone when the bench ends.
  process.once("exit", () => rmSync(configDir, { recursive: true, force: true }));
  const args = ["dist/cli/main.js", "serve", "--config", configDir, "--port", "0"];
  const gateway = await startProcess(args, /listening on (http:\/\/\S+)/, false, [...bin.flags, ...nodeArgs], bin.env);
  return { upstream, upstreamUrl, gateway, atriumUrl: gateway.match[1] as string };
}
