import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allFindings, valuesOf } from "./find-values.js";

describe("e-mail recogniser", () => {
  it("finds plain, tagged, sub-domain and upper-case addresses", () => {
    const text = "Mail john.doe+test@example.co.uk, ANNA.SCHMIDT@FIRMA.DE or ops@eu.mail.example.org.";
    assert.deepEqual(valuesOf(text, "EMAIL"), ["john.doe+test@example.co.uk", "ANNA.SCHMIDT@FIRMA.DE", "ops@eu.mail.example.org"]);
  });

  it("stops at the sentence's full stop and at brackets", () => {
    assert.deepEqual(valuesOf("From: Anna <anna@firma.de>.", "EMAIL"), ["anna@firma.de"]);
  });

  it("keeps decorators, handles and addresses without a top-level domain", () => {
    assert.deepEqual(valuesOf("@Component @here user@localhost version@1.2.3 me@host.c", "EMAIL"), []);
  });
});

describe("phone recogniser", () => {
  it("finds international forms", () => {
    const text = "Call +49 30 12345678, +44 (0)20 7946 0958, +1 415 555 2671, +33 6 12 34 56 78 or 0049 89 1234567.";
    assert.deepEqual(valuesOf(text, "PHONE"), ["+49 30 12345678", "+44 (0)20 7946 0958", "+1 415 555 2671", "+33 6 12 34 56 78", "0049 89 1234567"]);
  });

  it("finds national formats with separators", () => {
    const text = "US (415) 555-2671, 415.555.2671; DE 030 1234567, 089/12345678, 0171-1234567; FR 06 12 34 56 78; NL 06-12345678; ES 612 345 678; IT 347 123 4567; UK 020 7946 0958";
    assert.deepEqual(valuesOf(text, "PHONE"), [
      "(415) 555-2671", "415.555.2671", "030 1234567", "089/12345678", "0171-1234567",
      "06 12 34 56 78", "06-12345678", "612 345 678", "347 123 4567", "020 7946 0958",
    ]);
  });

  it("accepts bare digits only right after a phone word", () => {
    assert.deepEqual(valuesOf("phone: 4155552671", "PHONE"), ["4155552671"]);
    assert.deepEqual(valuesOf("Tel.: 030123456", "PHONE"), ["030123456"]);
    assert.deepEqual(valuesOf("Please call about ticket 6437425 today", "PHONE"), []);
  });

  it("keeps dates, versions, IPs, prices, order numbers and times", () => {
    const text =
      "On 2024-01-15 and 15.01.2024 (03.09.2025) build 10.0.19045.1234 v1.2.3 at 192.168.1.10 cost $1,299.99 or 1.299,99 €, " +
      "order 4081726354, meeting ID 874 0375 9074, at 12:30:45, 1 000 000 users, ISBN 978-3-16-148410-0";
    assert.deepEqual(allFindings(text).filter((f) => f.startsWith("PHONE")), []);
  });

  it("does not take an SSN-shaped number with a Spanish-looking start for a phone", () => {
    assert.deepEqual(valuesOf("ref 666-12-3456 and 900-12-3456", "PHONE"), []);
  });
});
