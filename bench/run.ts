/**
 * `npm run bench`: a fast fake upstream, a bare Node proxy and Atrium (full chain on), each in its
 * own process on loopback; every scenario is driven straight at the upstream, through the bare
 * proxy and through Atrium, so the differences are what a proxy and what the gateway add.
 * Bounded in time (BENCH_SECONDS per leg, default 5).
 */
import { spawnSync } from "node:child_process";
import { BENCH_KEY, chatBody as chat, ragChatBody } from "./bench-config.js";
import { startProcess, startUpstreamAndGateway } from "./processes.js";
import { cpuMicros, resetPeakRss, rssMiB } from "./proc-stats.js";
import { sseLoad } from "./sse-load.js";
import { wrk, type LoadResult } from "./wrk.js";

const SECONDS = Number(process.env["BENCH_SECONDS"] ?? 5);
/**
 * Seconds of non-streaming load before the first leg. V8 goes on optimising for several seconds:
 * after 2 s, the first 5 s of chat at one connection cost Atrium ~700 µs per request and the
 * next ones ~430, so a short warm-up measured the compiler, not the gateway.
 */
const WARMUP_SECONDS = Number(process.env["BENCH_WARMUP_SECONDS"] ?? 8);

interface Row {
  scenario: string;
  direct: string;
  bare: string;
  atrium: string;
  added: string;
  bareCpu: string;
  cpu: string;
}

async function main(): Promise<void> {
  if (spawnSync("wrk", ["--version"]).error) throw new Error("wrk is not installed: apt-get install -y wrk");
  const { upstream, upstreamUrl, gateway, atriumUrl } = await startUpstreamAndGateway();
  const bare = await startProcess(["bench/bare-proxy.ts", upstreamUrl], /^(\d+)$/);
  const bareUrl = `http://127.0.0.1:${bare.match[1]}`;
  const barePid = bare.child.pid as number;
  const pid = gateway.child.pid as number;
  const auth = { authorization: `Bearer ${BENCH_KEY}` };
  const rows: Row[] = [];
  const fmt = (r: LoadResult) => `${Math.round(r.rps)} req/s p50 ${r.p50ms.toFixed(2)} p99 ${r.p99ms.toFixed(2)} ms${r.errors ? ` (${r.errors} errors)` : ""}`;
  /** Runs `load` and returns its result with the CPU `pid` spent meanwhile. */
  async function measured<T>(processId: number, load: () => T | Promise<T>): Promise<{ result: T; cpu: number }> {
    const before = cpuMicros(processId);
    const result = await load();
    return { result, cpu: cpuMicros(processId) - before };
  }

  // Warm up, both alike: JIT, tokenizer, connection pools.
  wrk(`${atriumUrl}/v1/chat/completions`, chat("chat"), auth, 16, WARMUP_SECONDS);
  wrk(`${bareUrl}/v1/chat/completions`, chat("bench-chat"), {}, 16, WARMUP_SECONDS);
  // Streams as long as chat, and at the legs' 16 streams: after 2 s at 4 streams, the first 4 s of
  // stream-0 cost Atrium 23.7 µs per chunk and the next nine 13.9–20.2 (the bare proxy 18.1, then 12.7–18.0).
  await sseLoad(`${atriumUrl}/v1/chat/completions`, chat("stream-0", { stream: true }), auth, 16, WARMUP_SECONDS);
  await sseLoad(`${bareUrl}/v1/chat/completions`, chat("bench-stream-0", { stream: true }), {}, 16, WARMUP_SECONDS);

  const requestRow = async (scenario: string, path: string, direct: string, via: string, connections: number): Promise<void> => {
    const d = wrk(`${upstreamUrl}${path}`, direct, {}, connections, SECONDS);
    const b = await measured(barePid, () => wrk(`${bareUrl}${path}`, direct, {}, connections, SECONDS));
    const a = await measured(pid, () => wrk(`${atriumUrl}${path}`, via, auth, connections, SECONDS));
    const perRequest = (m: { result: LoadResult; cpu: number }) => `${Math.round(m.cpu / Math.max(1, m.result.requests))} µs/req`;
    rows.push({
      scenario,
      direct: fmt(d),
      bare: fmt(b.result),
      atrium: fmt(a.result),
      added: `p50 +${(a.result.p50ms - d.p50ms).toFixed(2)} ms`,
      bareCpu: perRequest(b),
      cpu: perRequest(a),
    });
  };
  let rssAt64: { now: number; peak: number } | undefined;
  let peakBefore64 = 0;
  for (const connections of [1, 16, 64]) {
    // The peak of the c=64 leg alone: writing 5 to clear_refs resets the process's peak RSS.
    if (connections === 64) {
      peakBefore64 = rssMiB(pid).peak;
      resetPeakRss(pid);
    }
    await requestRow(`chat c=${connections}`, "/v1/chat/completions", chat("bench-chat"), chat("chat"), connections);
    if (connections === 64) rssAt64 = rssMiB(pid);
  }
  // A RAG assistant's prompt: 8 KiB of retrieved context is counted, audited and redacted.
  await requestRow("chat 8 KiB prompt c=16", "/v1/chat/completions", ragChatBody("bench-chat", 8192), ragChatBody("chat", 8192), 16);
  const perStream: Record<string, { bare: number; atrium: number }> = {};
  for (const [gap, events] of [
    [0, 20],
    [5, 20],
    [5, 100],
  ] as const) {
    const name = events === 20 ? `stream-${gap}` : `stream-${gap}x${events}`;
    const body = (model: string) => chat(model, { stream: true });
    const d = await sseLoad(`${upstreamUrl}/v1/chat/completions`, body(`bench-${name}`), {}, 16, SECONDS);
    const b = await measured(barePid, () => sseLoad(`${bareUrl}/v1/chat/completions`, body(`bench-${name}`), {}, 16, SECONDS));
    const a = await measured(pid, () => sseLoad(`${atriumUrl}/v1/chat/completions`, body(name), auth, 16, SECONDS));
    perStream[name] = { bare: b.cpu / Math.max(1, b.result.streams), atrium: a.cpu / Math.max(1, a.result.streams) };
    const s = (r: typeof d) => `${(r.streams / SECONDS).toFixed(0)} streams/s TTFT p50 ${r.ttftP50ms.toFixed(2)} p99 ${r.ttftP99ms.toFixed(2)} ms${r.errors ? ` (${r.errors} errors)` : ""}`;
    const perChunk = (m: { result: typeof d; cpu: number }) =>
      `${Math.round(m.cpu / Math.max(1, m.result.streams))} µs/stream, ${(m.cpu / Math.max(1, m.result.chunks)).toFixed(1)} µs/chunk`;
    rows.push({
      scenario: `stream ${events}×${gap}ms c=16`,
      direct: s(d),
      bare: s(b.result),
      atrium: s(a.result),
      added: `TTFT p50 +${(a.result.ttftP50ms - d.ttftP50ms).toFixed(2)} ms`,
      bareCpu: perChunk(b),
      cpu: perChunk(a),
    });
  }
  {
    // What one more chunk costs, the stream's own setup taken out: the 100-chunk stream against
    // the 20-chunk one, both 5 ms apart.
    const short = perStream["stream-5"] as { bare: number; atrium: number };
    const long = perStream["stream-5x100"] as { bare: number; atrium: number };
    const marginal = (k: "bare" | "atrium") => `${((long[k] - short[k]) / 80).toFixed(1)} µs per added chunk`;
    rows.push({ scenario: "chunk, 5ms apart", direct: "", bare: "", atrium: "", added: "(100-chunk − 20-chunk) / 80", bareCpu: marginal("bare"), cpu: marginal("atrium") });
  }
  {
    const body = (model: string) => JSON.stringify({ model, input: "The quick brown fox jumps over the lazy dog" });
    await requestRow("embeddings c=16", "/v1/embeddings", body("bench-embed"), body("embed"), 16);
    // The size of a real reply: ada-002 and text-embedding-3-small return 1536 dimensions (32 KB).
    await requestRow("embeddings 1536-d c=16", "/v1/embeddings", body("bench-embed-1536"), body("embed-1536"), 16);
  }
  const rss = rssMiB(pid);
  gateway.child.kill("SIGTERM");
  bare.child.kill("SIGTERM");
  upstream.child.kill("SIGTERM");

  const header: Row = { scenario: "scenario", direct: "direct to upstream", bare: "bare Node proxy", atrium: "through Atrium", added: "Atrium added", bareCpu: "bare proxy CPU", cpu: "Atrium CPU" };
  const all = [header, ...rows];
  const width = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  for (const r of all) {
    process.stdout.write(`${(Object.keys(header) as (keyof Row)[]).map((k) => r[k].padEnd(width(k))).join(" | ")}\n`);
  }
  const at64 = rssAt64 ? `at c=64 ${rssAt64.now.toFixed(0)} MiB (peak during that leg ${rssAt64.peak.toFixed(0)} MiB, before it ${peakBefore64.toFixed(0)} MiB); ` : "";
  process.stdout.write(`\nAtrium RSS ${at64}at the end ${rss.now.toFixed(0)} MiB; ${SECONDS}s per leg; node ${process.version}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${String(err)}\n`);
    process.exit(1);
  },
);
