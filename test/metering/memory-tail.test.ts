import { test } from "node:test";
import assert from "node:assert/strict";
import { MemoryTail } from "../../src/store/outbox/memory-tail.js";

test("records kept per write are handed over at the reader's position, contiguous writes together", () => {
  const tail = new MemoryTail<string>();
  for (const r of ["a", "b", "c"]) tail.appended(r);
  tail.written(1, 0, 20, 2);
  tail.written(1, 20, 30, 1);
  assert.deepEqual(tail.at(1, 0, 10), { records: ["a", "b", "c"], next: 30 });
  assert.deepEqual(tail.at(1, 0, 2), { records: ["a", "b"], next: 20 }, "a batch limit stops at a write's end");
  assert.deepEqual(tail.at(1, 30, 10), { readUpTo: undefined }, "nothing kept past the last write: read the file");
});

test("a retried write is not kept: the file is read up to the next kept write, which is then handed over", () => {
  const tail = new MemoryTail<string>();
  for (const r of ["x", "y", "z"]) tail.appended(r);
  tail.written(1, -1, 20, 2);
  tail.written(1, 20, 30, 1);
  assert.deepEqual(tail.at(1, 0, 10), { readUpTo: 20 });
  assert.deepEqual(tail.at(1, 20, 10), { records: ["z"], next: 30 });
});

test("dropped lines leave the order intact; chunks behind the reader or in older segments are forgotten", () => {
  const tail = new MemoryTail<string>();
  for (const r of ["old", "gone", "new"]) tail.appended(r);
  tail.written(1, 0, 10, 1);
  tail.dropped(1);
  tail.written(2, 0, 10, 1);
  assert.deepEqual(tail.at(1, 0, 10), { records: ["old"], next: 10 });
  assert.deepEqual(tail.at(1, 10, 10), { readUpTo: undefined }, "segment 1 has nothing more in memory");
  assert.deepEqual(tail.at(2, 0, 10), { records: ["new"], next: 10 });
  assert.deepEqual(tail.at(2, 5, 10), { readUpTo: undefined }, "a position inside a write means the file");
});

test("a write reporting more lines than were appended is not kept: the file is read instead", () => {
  const tail = new MemoryTail<string>();
  tail.appended("only");
  tail.written(1, 0, 20, 2);
  assert.deepEqual(tail.at(1, 0, 10), { readUpTo: undefined });
});
