/**
 * Throughput of `redact` over the labelled corpus repeated to about 20 MB, one call per snippet
 * as the gateway would call it per message. Run: node --import tsx bench/redact.ts
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { redact } from "../src/redaction/redact.js";

const TARGET_BYTES = 20 * 1024 * 1024;

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

interface Rate {
  wall: number;
  cpu: number;
}

/**
 * MB/s by wall clock and by this process's CPU time. On a shared machine the wall figure drops
 * when other processes take the cores; CPU time shows what one core of ours actually achieves.
 */
function run(mode: "typed" | "pseudonym"): Rate {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let checksum = 0;
  for (const text of texts) checksum += redact(text, { mode }).length;
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  if (checksum === 0) throw new Error("nothing redacted");
  const mb = bytes / (1024 * 1024);
  return { wall: mb / wallSeconds, cpu: mb / ((cpu.user + cpu.system) / 1e6) };
}

function best(mode: "typed" | "pseudonym", rounds: number): Rate {
  const rates = Array.from({ length: rounds }, () => run(mode));
  return { wall: Math.max(...rates.map((r) => r.wall)), cpu: Math.max(...rates.map((r) => r.cpu)) };
}

const format = (rate: Rate): string => `${rate.wall.toFixed(1)} MB/s wall, ${rate.cpu.toFixed(1)} MB/s per CPU-second`;

run("typed"); // warm-up: JIT and regex compilation
const pseudonym = best("pseudonym", 2);
const typed = best("typed", 3);
console.log(`corpus: ${corpus.length} snippets, repeated to ${(bytes / (1024 * 1024)).toFixed(1)} MB (${texts.length} calls)`);
console.log(`redact typed:     ${format(typed)}`);
console.log(`redact pseudonym: ${format(pseudonym)}`);
console.log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores (one used)`);
