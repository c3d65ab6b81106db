import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findPii } from "../../src/redaction/find-pii.js";
import { PseudonymMap } from "../../src/redaction/pseudonym-map.js";
import { redact } from "../../src/redaction/redact.js";
import { resolveOverlaps } from "../../src/redaction/resolve-overlaps.js";

describe("redact", () => {
  const text = "Hi, my name is Anna Schmidt, mail anna@firma.de or anna@firma.de, card 4111 1111 1111 1111.";

  it("replaces findings with typed placeholders by default", () => {
    assert.equal(redact(text), "Hi, my name is <PERSON>, mail <EMAIL> or <EMAIL>, card <CARD>.");
  });

  it("gives equal values the same pseudonym and different values the next number", () => {
    const out = redact("a@x.io, b@x.io, A@X.IO, +49 30 1234567 and +49 30 1234 567", { mode: "pseudonym" });
    assert.equal(out, "<EMAIL_1>, <EMAIL_2>, <EMAIL_1>, <PHONE_1> and <PHONE_1>");
  });

  it("keeps pseudonyms stable across the turns of one conversation and restores them", () => {
    const pseudonyms = new PseudonymMap();
    const first = redact("Contact anna@firma.de", { pseudonyms });
    const second = redact("Also bob@firma.de and anna@firma.de", { pseudonyms });
    assert.equal(first, "Contact <EMAIL_1>");
    assert.equal(second, "Also <EMAIL_2> and <EMAIL_1>");
    assert.equal(pseudonyms.restore("Write to <EMAIL_2>, not <EMAIL_9>"), "Write to bob@firma.de, not <EMAIL_9>");
  });

  it("looks only for the requested types", () => {
    assert.equal(redact(text, { types: ["EMAIL"] }), "Hi, my name is Anna Schmidt, mail <EMAIL> or <EMAIL>, card 4111 1111 1111 1111.");
  });

  it("returns text without findings unchanged, including the empty string", () => {
    assert.equal(redact(""), "");
    assert.equal(redact("Nothing to see: v1.2.3 at 12:30 for $12.50."), "Nothing to see: v1.2.3 at 12:30 for $12.50.");
  });

  it("keeps offsets right around emoji and other astral characters", () => {
    assert.equal(redact("😀 mail 👉 anna@firma.de 🙂"), "😀 mail 👉 <EMAIL> 🙂");
  });
});

describe("findPii", () => {
  it("gets through adversarial inputs (a backtracking pattern would hang here)", () => {
    const n = 50_000;
    const inputs = [
      "1".repeat(n), "12 ".repeat(n / 3), "1.".repeat(n / 2), ":".repeat(n), "ab:".repeat(n / 3), "a@".repeat(n / 2),
      "AB12 CDEF ".repeat(n / 10), "Dear Mr. Anna ".repeat(n / 14), "api_key=".repeat(n / 8),
      "-----BEGIN RSA PRIVATE KEY-----\n".repeat(n / 32), "eyJ.".repeat(n / 4), "born on ".repeat(n / 8),
    ];
    for (const input of inputs) assert.ok(Array.isArray(findPii(input)));
  });

  it("returns sorted, non-overlapping findings", () => {
    const findings = findPii("DE89 3704 0044 0532 0130 00 then +49 30 1234567 then jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijklmnop");
    for (let i = 1; i < findings.length; i++) assert.ok((findings[i - 1]?.end ?? 0) <= (findings[i]?.start ?? 0));
    assert.deepEqual(findings.map((f) => f.type), ["IBAN", "PHONE", "SECRET"]);
  });

  it("prefers the more specific type when spans overlap", () => {
    const kept = resolveOverlaps([
      { type: "PHONE", start: 5, end: 20 },
      { type: "IBAN", start: 0, end: 27 },
      { type: "PERSON", start: 30, end: 40 },
      { type: "SECRET", start: 35, end: 60 },
    ]);
    assert.deepEqual(kept, [
      { type: "IBAN", start: 0, end: 27 },
      { type: "SECRET", start: 35, end: 60 },
    ]);
  });
});
