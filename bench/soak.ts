/**
 * `npm run bench:soak`: Atrium (full chain on, as in `npm run bench`) under non-streaming chat at
 * 64 connections for SOAK_MINUTES (default 10), in 10 s slices; prints requests/s, CPU per
 * request and RSS after every slice, then whether RSS stayed flat (last minute against the first
 * minute after warm-up). Loopback only; stops by itself.
 */
import { BENCH_KEY, chatBody } from "./bench-config.js";
import { startUpstreamAndGateway } from "./processes.js";
import { cpuMicros, rssMiB } from "./proc-stats.js";
import { wrk } from "./wrk.js";

const MINUTES = Number(process.env["SOAK_MINUTES"] ?? 10);
const SLICE_SECONDS = 10;

async function main(): Promise<void> {
  const { upstream, gateway, atriumUrl } = await startUpstreamAndGateway();
  const pid = gateway.child.pid as number;
  const body = chatBody("chat");
  const samples: number[] = [];
  const slices = Math.max(2, Math.round((MINUTES * 60) / SLICE_SECONDS));
  try {
    for (let i = 0; i < slices; i++) {
      const before = cpuMicros(pid);
      const r = wrk(`${atriumUrl}/v1/chat/completions`, body, { authorization: `Bearer ${BENCH_KEY}` }, 64, SLICE_SECONDS);
      const cpu = (cpuMicros(pid) - before) / Math.max(1, r.requests);
      const rss = rssMiB(pid);
      samples.push(rss.now);
      process.stdout.write(
        `${String((i + 1) * SLICE_SECONDS).padStart(4)} s  ${Math.round(r.rps)} req/s  ${Math.round(cpu)} µs/req  RSS ${rss.now.toFixed(0)} MiB (peak ${rss.peak.toFixed(0)})${r.errors ? `  ${r.errors} errors` : ""}\n`,
      );
    }
  } finally {
    gateway.child.kill("SIGTERM");
    upstream.child.kill("SIGTERM");
  }
  const perMinute = 60 / SLICE_SECONDS;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const first = mean(samples.slice(perMinute, 2 * perMinute));
  const last = mean(samples.slice(-perMinute));
  process.stdout.write(`\nRSS second minute ${first.toFixed(0)} MiB, last minute ${last.toFixed(0)} MiB (${last >= first ? "+" : ""}${(last - first).toFixed(1)} MiB)\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`soak failed: ${String(err)}\n`);
    process.exit(1);
  },
);
