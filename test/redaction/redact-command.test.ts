import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PassThrough, Readable, Writable } from "node:stream";
import { runRedact } from "../../src/cli/redact-command.js";

/** A writable that accepts one chunk per tick with a tiny buffer, so backpressure really happens. */
function slowSink(): { stream: Writable; lines: () => unknown[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString("utf8"));
      setImmediate(callback);
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as unknown),
  };
}

describe("runRedact", () => {
  it("writes one redacted line per input line, in order, under backpressure", async () => {
    const input = Array.from({ length: 500 }, (_, i) => JSON.stringify({ id: i, text: `ticket ${i}: mail user${i}@example.com` }));
    const sink = slowSink();
    const summary = await runRedact(Readable.from([`${input.join("\n")}\n`]), sink.stream, {});
    assert.deepEqual(summary, { lines: 500, errors: 0 });
    const lines = sink.lines();
    assert.equal(lines.length, 500);
    lines.forEach((line, i) => assert.deepEqual(line, { id: i, text: `ticket ${i}: mail <EMAIL>` }));
  });

  it("answers malformed lines with an error, keeping the id where it can be read", async () => {
    const input = [
      '{"id":"a","text":"call +49 30 1234567"}',
      '{"id":"b","text":"cut off',
      "not json at all",
      "",
      '{"id":"c","text":42}',
      '["an","array"]',
      '{"id":"d","text":"ok"}',
    ].join("\n");
    const sink = slowSink();
    const summary = await runRedact(Readable.from([input]), sink.stream, {});
    assert.deepEqual(summary, { lines: 7, errors: 5 });
    const lines = sink.lines() as Array<{ id: unknown; text?: string; error?: { code: string } }>;
    assert.deepEqual(lines.map((l) => l.id), ["a", "b", null, null, "c", null, "d"]);
    assert.equal(lines[0]?.text, "call <PHONE>");
    assert.deepEqual(lines.map((l) => l.error?.code ?? "ok"), ["ok", ...Array<string>(5).fill("invalid_request"), "ok"]);
  });

  it("reassembles lines and multi-byte characters split across chunks", async () => {
    const bytes = Buffer.from('{"id":1,"text":"Grüße an anna@firma.de 😀"}\r\n{"id":2,"text":"IBAN DE89 3704 0044 0532 0130 00"}\n');
    const input = new PassThrough();
    const sink = slowSink();
    const done = runRedact(input, sink.stream, { mode: "pseudonym" });
    for (let i = 0; i < bytes.length; i += 3) input.write(bytes.subarray(i, i + 3));
    input.end();
    assert.deepEqual(await done, { lines: 2, errors: 0 });
    assert.deepEqual(sink.lines(), [
      { id: 1, text: "Grüße an <EMAIL_1> 😀" },
      { id: 2, text: "IBAN <IBAN_1>" },
    ]);
  });

  it("refuses an over-long line without holding it and carries on", async () => {
    const long = JSON.stringify({ id: "big", text: "x".repeat(5000) });
    const sink = slowSink();
    const summary = await runRedact(Readable.from([`${long}\n`, '{"id":"next","text":"fine"}\n']), sink.stream, { maxLineChars: 1000 });
    assert.deepEqual(summary, { lines: 2, errors: 1 });
    assert.deepEqual(sink.lines()[1], { id: "next", text: "fine" });
  });
});
