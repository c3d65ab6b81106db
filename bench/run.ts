/**
 * `npm run bench`: a fast fake upstream and Atrium (full chain on), each in its own process on
 * loopback; every scenario is driven first straight at the upstream, then through Atrium, so the
 * difference is what the gateway adds. Bounded in time (BENCH_SECONDS per leg, default 5).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { benchConfigDir, BENCH_KEY } from "./bench-config.js";
import { cpuMicros, rssMiB } from "./proc-stats.js";
import { sseLoad } from "./sse-load.js";
import { wrk, type LoadResult } from "./wrk.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env["BENCH_SECONDS"] ?? 5);

async function startProcess(args: string[], pattern: RegExp, typescript = true): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [...(typescript ? ["--import", "tsx"] : []), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)));
    lines.on("line", (line) => {
      const match = pattern.exec(line);
      if (match) resolve({ child, match });
    });
  });
}

interface Row {
  scenario: string;
  direct: string;
  atrium: string;
  added: string;
  cpu: string;
}

async function main(): Promise<void> {
  if (spawnSync("wrk", ["--version"]).error) throw new Error("wrk is not installed: apt-get install -y wrk");
  const upstream = await startProcess(["bench/fake-upstream.ts"], /^(\d+)$/);
  const upstreamUrl = `http://127.0.0.1:${upstream.match[1]}`;
  const dir = benchConfigDir(upstreamUrl);
  // The built output, as `atrium serve` runs in production (no TypeScript loader in the process).
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("build failed");
  const gateway = await startProcess(["dist/cli/main.js", "serve", "--config", dir, "--port", "0"], /listening on (http:\/\/\S+)/, false);
  const atriumUrl = gateway.match[1] as string;
  const pid = gateway.child.pid as number;
  const auth = { authorization: `Bearer ${BENCH_KEY}` };
  const chat = (model: string, extra = {}) => JSON.stringify({ model, messages: [{ role: "user", content: "Say twenty words." }], ...extra });
  const rows: Row[] = [];
  const fmt = (r: LoadResult) => `${Math.round(r.rps)} req/s p50 ${r.p50ms.toFixed(2)} p99 ${r.p99ms.toFixed(2)} ms${r.errors ? ` (${r.errors} errors)` : ""}`;

  // Warm up: JIT, tokenizer, connection pools.
  wrk(`${atriumUrl}/v1/chat/completions`, chat("chat"), auth, 16, 2);
  await sseLoad(`${atriumUrl}/v1/chat/completions`, chat("stream-0", { stream: true }), auth, 4, 1);

  for (const connections of [1, 16, 64]) {
    const direct = wrk(`${upstreamUrl}/v1/chat/completions`, chat("bench-chat"), {}, connections, SECONDS);
    const before = cpuMicros(pid);
    const via = wrk(`${atriumUrl}/v1/chat/completions`, chat("chat"), auth, connections, SECONDS);
    const cpu = (cpuMicros(pid) - before) / Math.max(1, via.requests);
    rows.push({ scenario: `chat c=${connections}`, direct: fmt(direct), atrium: fmt(via), added: `p50 +${(via.p50ms - direct.p50ms).toFixed(2)} ms`, cpu: `${Math.round(cpu)} µs/req` });
  }
  for (const gap of [0, 5]) {
    const direct = await sseLoad(`${upstreamUrl}/v1/chat/completions`, chat(`bench-stream-${gap}`, { stream: true }), {}, 16, SECONDS);
    const before = cpuMicros(pid);
    const via = await sseLoad(`${atriumUrl}/v1/chat/completions`, chat(`stream-${gap}`, { stream: true }), auth, 16, SECONDS);
    const cpu = cpuMicros(pid) - before;
    const s = (r: typeof via) => `${(r.streams / SECONDS).toFixed(0)} streams/s TTFT p50 ${r.ttftP50ms.toFixed(2)} p99 ${r.ttftP99ms.toFixed(2)} ms${r.errors ? ` (${r.errors} errors)` : ""}`;
    rows.push({
      scenario: `stream 20×${gap}ms c=16`,
      direct: s(direct),
      atrium: s(via),
      added: `TTFT p50 +${(via.ttftP50ms - direct.ttftP50ms).toFixed(2)} ms`,
      cpu: `${Math.round(cpu / Math.max(1, via.streams))} µs/stream, ${(cpu / Math.max(1, via.chunks)).toFixed(1)} µs/chunk`,
    });
  }
  {
    const body = (model: string) => JSON.stringify({ model, input: "The quick brown fox jumps over the lazy dog" });
    const direct = wrk(`${upstreamUrl}/v1/embeddings`, body("bench-embed"), {}, 16, SECONDS);
    const before = cpuMicros(pid);
    const via = wrk(`${atriumUrl}/v1/embeddings`, body("embed"), auth, 16, SECONDS);
    const cpu = (cpuMicros(pid) - before) / Math.max(1, via.requests);
    rows.push({ scenario: "embeddings c=16", direct: fmt(direct), atrium: fmt(via), added: `p50 +${(via.p50ms - direct.p50ms).toFixed(2)} ms`, cpu: `${Math.round(cpu)} µs/req` });
  }
  const rss = rssMiB(pid);
  gateway.child.kill("SIGTERM");
  upstream.child.kill("SIGTERM");

  const header: Row = { scenario: "scenario", direct: "direct to upstream", atrium: "through Atrium", added: "added", cpu: "Atrium CPU" };
  const all = [header, ...rows];
  const width = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  for (const r of all) {
    process.stdout.write(`${(Object.keys(header) as (keyof Row)[]).map((k) => r[k].padEnd(width(k))).join(" | ")}\n`);
  }
  process.stdout.write(`\nAtrium RSS now ${rss.now.toFixed(0)} MiB, peak ${rss.peak.toFixed(0)} MiB; ${SECONDS}s per leg; node ${process.version}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${String(err)}\n`);
    process.exit(1);
  },
);
