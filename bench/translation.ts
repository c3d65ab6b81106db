/**
 * `npm run bench:translation`: Atrium's CPU per streamed chunk for each translation beside plain
 * pass-through, full chain on, 16 streams at a time, chunks 5 ms apart:
 *   pass-through        OpenAI client → OpenAI-compatible upstream (no translation)
 *   anthropic provider  OpenAI client → Anthropic upstream (its events → chat chunks)
 *   messages surface    Anthropic client → OpenAI-compatible upstream (chat chunks → its events)
 *   both                Anthropic client → Anthropic upstream (both translations)
 * Each is run at 20 and 100 chunks a stream: (CPU₁₀₀ − CPU₂₀) / 80 is what one more chunk costs,
 * the stream's own setup taken out. BENCH_SECONDS per leg (default 5). `-- micro`: each
 * translation alone, in process (translation-micro.ts).
 */
import { BENCH_KEY, chatBody } from "./bench-config.js";
import { startUpstreamAndGateway } from "./processes.js";
import { cpuMicros } from "./proc-stats.js";
import { sseLoad } from "./sse-load.js";

const SECONDS = Number(process.env["BENCH_SECONDS"] ?? 5);
const WARMUP_SECONDS = Number(process.env["BENCH_WARMUP_SECONDS"] ?? 8);

const messagesBody = (model: string): string => JSON.stringify({ model, max_tokens: 100, stream: true, messages: [{ role: "user", content: "Say twenty words." }] });

const PATHS = [
  { name: "pass-through", path: "/v1/chat/completions", body: (n: string) => chatBody(`stream-${n}`, { stream: true }) },
  { name: "anthropic provider", path: "/v1/chat/completions", body: (n: string) => chatBody(`claude-stream-${n}`, { stream: true }) },
  { name: "messages surface", path: "/v1/messages", body: (n: string) => messagesBody(`stream-${n}`) },
  { name: "both translations", path: "/v1/messages", body: (n: string) => messagesBody(`claude-stream-${n}`) },
] as const;

async function main(): Promise<void> {
  const { upstream, gateway, atriumUrl } = await startUpstreamAndGateway();
  const pid = gateway.child.pid as number;
  const auth = { authorization: `Bearer ${BENCH_KEY}` };
  for (const p of PATHS) await sseLoad(`${atriumUrl}${p.path}`, p.body("5"), auth, 16, WARMUP_SECONDS / 2);
  const lines: string[] = [];
  for (const p of PATHS) {
    const perStream: number[] = [];
    for (const [length, chunks] of [["5", 20], ["5x100", 100]] as const) {
      const before = cpuMicros(pid);
      const r = await sseLoad(`${atriumUrl}${p.path}`, p.body(length), auth, 16, SECONDS);
      const cpu = cpuMicros(pid) - before;
      if (r.errors > 0) throw new Error(`${p.name}: ${r.errors} errors`);
      perStream.push(cpu / Math.max(1, r.streams));
      lines.push(`${p.name.padEnd(20)} ${String(chunks).padStart(3)} chunks: ${(cpu / Math.max(1, r.streams)).toFixed(0).padStart(5)} µs/stream, ${(cpu / Math.max(1, r.streams * chunks)).toFixed(1)} µs per content chunk, ${r.streams} streams`);
    }
    lines.push(`${p.name.padEnd(20)} marginal: ${(((perStream[1] ?? 0) - (perStream[0] ?? 0)) / 80).toFixed(1)} µs per added chunk`);
  }
  gateway.child.kill("SIGTERM");
  upstream.child.kill("SIGTERM");
  process.stdout.write(`${lines.join("\n")}\n${SECONDS}s per leg; node ${process.version}\n`);
}

const run = process.argv[2] === "micro" ? import("./translation-micro.js").then(() => undefined) : main();
run.then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${String(err)}\n`);
    process.exit(1);
  },
);
