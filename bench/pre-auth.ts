/**
 * What an anonymous 10 MB deeply nested body costs the gateway: `node --import tsx bench/pre-auth.ts`
 * builds and starts Atrium (dist/) with the bench config, sends REQUESTS such bodies with a bad
 * key, CONCURRENCY at a time, each written whole, and reads the gateway's CPU time and peak
 * resident memory from /proc around them. Then the same bodies with a good key (refused by the
 * nesting cap after they are read), for scale.
 */
import { connect } from "node:net";
import { BENCH_KEY } from "./bench-config.js";
import { cpuMicros, resetPeakRss, rssMiB } from "./proc-stats.js";
import { startUpstreamAndGateway } from "./processes.js";

const REQUESTS = Number(process.env["REQUESTS"] ?? 16);
const CONCURRENCY = Number(process.env["CONCURRENCY"] ?? 8);
const SIZE = 10 * 1024 * 1024 - 1024;
const head = '{"model":"bench-chat","messages":[{"role":"user","content":"x"}],"metadata":';
const body = Buffer.from(head + "[".repeat(SIZE - head.length));

const { upstream, gateway, atriumUrl } = await startUpstreamAndGateway();
const pid = gateway.child.pid as number;
const port = Number(new URL(atriumUrl).port);

function send(key: string): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${key}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      socket.end(body);
    });
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    socket.on("error", () => undefined);
    // A client still writing when the gateway closes may see a reset before it reads the answer.
    socket.on("close", () => resolve(text.slice(9, 12) || "reset"));
  });
}

async function leg(name: string, key: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
  resetPeakRss(pid);
  const before = rssMiB(pid).now;
  const cpu0 = cpuMicros(pid);
  const statuses = new Map<string, number>();
  for (let sent = 0; sent < REQUESTS; sent += CONCURRENCY) {
    const batch = await Promise.all(Array.from({ length: Math.min(CONCURRENCY, REQUESTS - sent) }, () => send(key)));
    for (const s of batch) statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }
  const cpu = (cpuMicros(pid) - cpu0) / REQUESTS / 1000;
  const rss = rssMiB(pid);
  console.log(`${name}: ${REQUESTS} × 10 MB nested, ${CONCURRENCY} at a time → ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}; ` +
    `gateway CPU ${cpu.toFixed(1)} ms per request; RSS ${before.toFixed(0)} MiB before, peak ${rss.peak.toFixed(0)} MiB`);
}

try {
  await fetch(`${atriumUrl}/healthz`);
  await leg("bad key ", "not-a-key-0123456789abcdef");
  await leg("good key", BENCH_KEY);
} finally {
  gateway.child.kill();
  upstream.child.kill();
}
