/**
 * Throughput of `atrium redact` end to end: the labelled corpus repeated to about 20 MB of JSON
 * Lines piped through the CLI process (parse, redact, serialise, write). CPU is the child's own,
 * read from /proc while it runs. Run: node --import tsx bench/redact-cli.ts [--mode pseudonym]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cpuMicros } from "./proc-stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TARGET_BYTES = 20 * 1024 * 1024;
const mode = process.argv.includes("--mode") ? (process.argv[process.argv.indexOf("--mode") + 1] ?? "typed") : "typed";

const corpus = readFileSync(new URL("../test/redaction/corpus.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => (JSON.parse(line) as { text: string }).text);
const parts: string[] = [];
let textBytes = 0;
for (let n = 0; textBytes < TARGET_BYTES; ) {
  for (const text of corpus) {
    parts.push(`${JSON.stringify({ id: n++, text })}\n`);
    textBytes += Buffer.byteLength(text);
  }
}
const input = Buffer.from(parts.join(""));

const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "redact", "--mode", mode], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
const pid = child.pid as number;
let cpu = 0;
let lines = 0;
let outBytes = 0;
const poll = setInterval(() => {
  try {
    cpu = cpuMicros(pid);
  } catch {
    // exited between two reads: the last reading stands
  }
}, 20);
// The process start (Node, tsx, module loading) is not redaction: time from the first output line.
let firstOutAt = 0;
let cpuAtFirstOut = 0;
child.stdout.on("data", (chunk: Buffer) => {
  if (firstOutAt === 0) {
    firstOutAt = performance.now();
    cpuAtFirstOut = cpuMicros(pid);
  }
  outBytes += chunk.length;
  for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
});
const started = performance.now();
child.stdin.end(input);
const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
const ended = performance.now();
clearInterval(poll);
const mb = input.length / (1024 * 1024);
console.log(`atrium redact --mode ${mode}: ${lines} lines, ${mb.toFixed(1)} MB of JSON Lines in (${(textBytes / 1048576).toFixed(1)} MB of text), ${(outBytes / 1048576).toFixed(1)} MB out, exit ${code}`);
console.log(`wall incl. start-up: ${(mb / ((ended - started) / 1000)).toFixed(1)} MB/s; from first output: ${(mb / ((ended - firstOutAt) / 1000)).toFixed(1)} MB/s wall, ${(mb / ((cpu - cpuAtFirstOut) / 1e6)).toFixed(1)} MB/s per CPU-second`);
