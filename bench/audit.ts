/**
 * Time to first token with the audit trail off and on (redacted mode, local queue: outbox →
 * in-process worker → SQLite). Two gateways on the same fake upstream, driven in alternating legs
 * so machine noise hits both alike. Run: node --import tsx bench/audit.ts (BENCH_SECONDS per leg, default 5).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../src/store/database.js";
import { benchConfigDir, BENCH_KEY } from "./bench-config.js";
import { startProcess } from "./processes.js";
import { cpuMicros } from "./proc-stats.js";
import { sseLoad, type StreamResult } from "./sse-load.js";

const SECONDS = Number(process.env["BENCH_SECONDS"] ?? 5);
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3);

// About 560 bytes of a support conversation with personal data: what redaction has to work through.
const PROMPT = [
  "Hello, my name is Jane Doe and I am writing about order 88412 which has not arrived yet.",
  "You can reach me at jane.doe@example.com or on +44 20 7946 0958 during office hours.",
  "The delivery address is 221B Baker Street, London NW1 6XE, and the card ending 4242 was charged.",
  "My colleague Tom (tom.smith@example.org) placed a similar order last week and it arrived in two days.",
  "Please refund to IBAN GB82 WEST 1234 5698 7654 32 if the parcel cannot be found by Friday.",
  "Summarise the situation and propose the next two steps for the support agent, in twenty words.",
].join(" ");

function withAudit(dir: string, audit: Record<string, unknown>): string {
  const file = join(dir, "atrium.yaml");
  const platform = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...platform, audit }, null, 2));
  return dir;
}

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const upstream = await startProcess(["bench/fake-upstream.ts"], /^(\d+)$/);
  const upstreamUrl = `http://127.0.0.1:${upstream.match[1]}`;
  const dirs = {
    off: withAudit(benchConfigDir(upstreamUrl), { defaultMode: "off" }),
    redacted: withAudit(benchConfigDir(upstreamUrl), { defaultMode: "redacted", sampleRate: 0.05 }),
  };
  const gateways = {
    off: await startProcess(["src/cli/main.ts", "serve", "--config", dirs.off, "--port", "0"], /listening on (http:\/\/\S+)/),
    redacted: await startProcess(["src/cli/main.ts", "serve", "--config", dirs.redacted, "--port", "0"], /listening on (http:\/\/\S+)/),
  };
  const auth = { authorization: `Bearer ${BENCH_KEY}` };
  const body = (model: string) => JSON.stringify({ model, stream: true, messages: [{ role: "user", content: PROMPT }] });
  const results: Record<string, Record<string, StreamResult[]>> = {};
  const cpu = new Map<string, number[]>();
  for (const mode of ["off", "redacted"] as const) await sseLoad(`${gateways[mode].match[1]}/v1/chat/completions`, body("stream-0"), auth, 4, 1); // warm-up

  for (const scenario of ["stream-5", "stream-0"]) {
    results[scenario] = { off: [], redacted: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of round % 2 === 0 ? (["off", "redacted"] as const) : (["redacted", "off"] as const)) {
        const pid = gateways[mode].child.pid as number;
        const before = cpuMicros(pid);
        const r = await sseLoad(`${gateways[mode].match[1]}/v1/chat/completions`, body(scenario), auth, 16, SECONDS);
        const key = `${scenario}:${mode}`;
        cpu.set(key, [...(cpu.get(key) ?? []), (cpuMicros(pid) - before) / Math.max(1, r.streams)]);
        results[scenario]?.[mode]?.push(r);
      }
    }
  }
  // Let the worker catch up, then count what the redacted gateway stored.
  await new Promise((r) => setTimeout(r, 2000));
  for (const g of Object.values(gateways)) g.child.kill("SIGTERM");
  upstream.child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  const database = await openDatabase({ kind: "sqlite", path: "./atrium.db" }, dirs.redacted);
  const stored = await database.db.selectFrom("audit_records").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const sample = await database.db.selectFrom("audit_records").select("prompt").limit(1).executeTakeFirst();
  await database.close();

  process.stdout.write(`scenario       | audit    | streams/s | TTFT p50 ms | TTFT p99 ms | CPU µs/stream  (median of ${ROUNDS} legs of ${SECONDS}s, c=16)\n`);
  for (const [scenario, byMode] of Object.entries(results)) {
    for (const [mode, runs] of Object.entries(byMode)) {
      const row = [
        scenario.padEnd(14),
        mode.padEnd(8),
        median(runs.map((r) => r.streams / SECONDS)).toFixed(0).padStart(9),
        median(runs.map((r) => r.ttftP50ms)).toFixed(2).padStart(11),
        median(runs.map((r) => r.ttftP99ms)).toFixed(2).padStart(11),
        median(cpu.get(`${scenario}:${mode}`) ?? []).toFixed(0).padStart(13),
      ];
      process.stdout.write(`${row.join(" | ")}\n`);
    }
  }
  process.stdout.write(`\naudit records stored by the redacted gateway: ${Number(stored?.n ?? 0)}; a stored prompt starts: ${(sample?.prompt ?? "").slice(0, 120)}…\n`);
  process.stdout.write(`prompt ${Buffer.byteLength(PROMPT)} bytes; node ${process.version}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${String(err)}\n`);
    process.exit(1);
  },
);
