import { test } from "node:test";
import assert from "node:assert/strict";
import { runCli } from "../support/run-cli.js";

const lines = (stdout: string) => stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: unknown; text?: string; error?: { code: string } });

test("atrium redact: JSON Lines in, the same ids in the same order out, redacted", () => {
  const input = [
    { id: "a", text: "Write to jane.doe@example.com or call +44 20 7946 0958." },
    { id: 2, text: "Nothing personal here." },
    { id: "c", text: "jane.doe@example.com and john@example.org, then jane.doe@example.com again" },
  ];
  const typed = runCli(["redact"], input.map((l) => JSON.stringify(l)).join("\n") + "\n");
  assert.equal(typed.status, 0, typed.stderr);
  assert.deepEqual(lines(typed.stdout), [
    { id: "a", text: "Write to <EMAIL> or call <PHONE>." },
    { id: 2, text: "Nothing personal here." },
    { id: "c", text: "<EMAIL> and <EMAIL>, then <EMAIL> again" },
  ]);
  const pseudonym = runCli(["redact", "--mode", "pseudonym"], input.map((l) => JSON.stringify(l)).join("\n"));
  assert.equal(pseudonym.status, 0, pseudonym.stderr);
  assert.equal(lines(pseudonym.stdout)[2]?.text, "<EMAIL_1> and <EMAIL_2>, then <EMAIL_1> again", "pseudonyms are consistent within a line; the last line needs no newline");
});

test("atrium redact: a bad line gets an error line in its place, the rest is redacted, exit 1", () => {
  const r = runCli(["redact"], ['{"id":"ok","text":"mail jane.doe@example.com"}', '{"id":"cut","text":"mail jane.d', '{"id":"n","text":42}', "[]"].join("\n") + "\n");
  assert.equal(r.status, 1);
  const out = lines(r.stdout);
  assert.equal(out.length, 4);
  assert.deepEqual(out[0], { id: "ok", text: "mail <EMAIL>" });
  assert.deepEqual([out[1]?.id, out[1]?.error?.code], ["cut", "invalid_request"]);
  assert.deepEqual([out[2]?.id, out[2]?.error?.code], ["n", "invalid_request"]);
  assert.equal(out[3]?.error?.code, "invalid_request");
  assert.ok(!r.stdout.includes("jane.d"), "an unreadable line's text is never echoed");
  assert.match(r.stderr, /3 of 4 line/);
});
