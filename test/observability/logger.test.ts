import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The lines a child printed, parsed; `i` of each in order. */
function linesOf(count: number, how: "exit" | "drain"): number[] {
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/support/log-lines.ts", String(count), how], { cwd: ROOT, encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => {
      const line = JSON.parse(l) as { i: number; note: string };
      assert.equal(line.note, "é€😀".repeat(line.i % 7), "multi-byte text arrives whole");
      return line.i;
    });
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

// Lines gather before they are written: none may be left behind when the process ends, whether a
// batch was full (2,000 lines are several 16,384-character batches, the last one partial) or not (3 lines).
test("every log line reaches standard output when the process exits at once", () => {
  assert.deepEqual(linesOf(3, "exit"), range(3));
  assert.deepEqual(linesOf(2000, "exit"), range(2000));
});

test("every log line reaches standard output when the event loop runs out", () => {
  assert.deepEqual(linesOf(3, "drain"), range(3));
  assert.deepEqual(linesOf(2000, "drain"), range(2000));
});
