/**
 * Throughput of `redact` over the labelled corpus repeated to about 20 MB, one call per snippet
 * as the gateway calls it per message. Run: node --import tsx bench/redact.ts
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { redact } from "../src/redaction/redact.js";

type Mode = "typed" | "pseudonym";

const TARGET_BYTES = 20 * 1024 * 1024;
const ROUNDS = 4;

const corpus = readFileSync(new URL("../test/redaction/corpus.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => (JSON.parse(line) as { text: string }).text);

const texts: string[] = [];
let bytes = 0;
while (bytes < TARGET_BYTES) {
  for (const text of corpus) {
    texts.push(text);
    bytes += Buffer.byteLength(text);
  }
}
const megabytes = bytes / (1024 * 1024);

interface Rate {
  wall: number;
  cpu: number;
}

/**
 * MB/s by wall clock and by this process's CPU time. On a shared machine the wall figure drops
 * when other processes take the core; CPU time shows what one core of ours achieves.
 */
function run(mode: Mode): Rate {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let checksum = 0;
  for (const text of texts) checksum += redact(text, { mode }).length;
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  if (checksum === 0) throw new Error("nothing redacted");
  return { wall: megabytes / wallSeconds, cpu: megabytes / ((cpu.user + cpu.system) / 1e6) };
}

run("typed"); // warm-up: JIT and regex compilation
// Modes alternate round by round so both see the same machine load; the best round counts.
const best: Record<Mode, Rate> = { typed: { wall: 0, cpu: 0 }, pseudonym: { wall: 0, cpu: 0 } };
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of ["typed", "pseudonym"] as const) {
    const rate = run(mode);
    best[mode] = { wall: Math.max(best[mode].wall, rate.wall), cpu: Math.max(best[mode].cpu, rate.cpu) };
  }
}

const format = (rate: Rate): string => `${rate.wall.toFixed(1)} MB/s wall, ${rate.cpu.toFixed(1)} MB/s per CPU-second`;
console.log(`corpus: ${corpus.length} snippets, repeated to ${megabytes.toFixed(1)} MB (${texts.length} calls)`);
console.log(`redact typed:     ${format(best.typed)}`);
console.log(`redact pseudonym: ${format(best.pseudonym)}`);
console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores (one used), load average ${loadavg()[0]?.toFixed(1) ?? "?"}`,
);
