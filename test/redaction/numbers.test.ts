import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { valuesOf } from "./find-values.js";

describe("card recogniser", () => {
  it("finds Luhn-valid numbers grouped or unbroken", () => {
    const text = "Visa 4111 1111 1111 1111, MC 5500-0000-0000-0004, Amex 3782 822463 10005, plain 6011111111111117.";
    assert.deepEqual(valuesOf(text, "CARD"), ["4111 1111 1111 1111", "5500-0000-0000-0004", "3782 822463 10005", "6011111111111117"]);
  });

  it("leaves the expiry date after a card alone", () => {
    assert.deepEqual(valuesOf("card 4111 1111 1111 1111 12/25", "CARD"), ["4111 1111 1111 1111"]);
  });

  it("keeps order numbers that fail Luhn, epoch milliseconds, EAN barcodes and zeros", () => {
    const text = "order 4111111111111112, created 1700000000000, EAN 4006381333931, 0000 0000 0000 0000";
    assert.deepEqual(valuesOf(text, "CARD"), []);
  });

  it("needs a card word for 13 digits", () => {
    assert.deepEqual(valuesOf("visa card 4222222222222", "CARD"), ["4222222222222"]);
    assert.deepEqual(valuesOf("sku 4222222222222", "CARD"), []);
  });
});

describe("IBAN recogniser", () => {
  it("finds IBANs with and without spaces when mod-97 holds", () => {
    const text = "Pay DE89 3704 0044 0532 0130 00 or GB82WEST12345698765432 (not DE89 3704 0044 0532 0130 01).";
    assert.deepEqual(valuesOf(text, "IBAN"), ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432"]);
  });

  it("does not swallow the word or the IBAN that follows", () => {
    assert.deepEqual(valuesOf("IBAN AT611904300234573201 TEST NL44 RABO 0123 4567 89", "IBAN"), ["AT611904300234573201", "NL44 RABO 0123 4567 89"]);
  });

  it("does not report the digits of an IBAN that fails mod-97 as a card", () => {
    assert.deepEqual(valuesOf("IBAN DE89 3704 0044 0532 0130 01", "CARD"), []);
  });
});

describe("SSN recogniser", () => {
  it("finds AAA-GG-SSSS and rejects ranges SSA never issues", () => {
    const text = "SSNs 123-45-6789, 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567, 123-45-0000.";
    assert.deepEqual(valuesOf(text, "SSN"), ["123-45-6789"]);
  });

  it("needs the word for undashed forms", () => {
    assert.deepEqual(valuesOf("social security number 123456789", "SSN"), ["123456789"]);
    assert.deepEqual(valuesOf("invoice 123456789", "SSN"), []);
  });
});

describe("IP recogniser", () => {
  it("finds IPv4 with port or CIDR suffix and IPv6 in full and compressed forms", () => {
    const text = "Hosts 192.168.1.10:8080, 10.0.0.0/8, 2001:db8::1, [fe80::1]:443, ::1, ::ffff:192.0.2.1 and 2001:0db8:85a3:0000:0000:8a2e:0370:7334.";
    assert.deepEqual(valuesOf(text, "IP"), ["192.168.1.10", "10.0.0.0", "2001:db8::1", "fe80::1", "::1", "::ffff:192.0.2.1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"]);
  });

  it("keeps versions, times, MAC addresses, out-of-range octets and code", () => {
    const text = "v1.2.3.4, version 1.2.3.4, 1.2.3, 10.0.19045.1234, 1.2.3.4.5, 2.7.9.3-beta, 256.1.1.1, 12:30:45, 00:1A:2B:3C:4D:5E, std::vector, x[1::2]";
    assert.deepEqual(valuesOf(text, "IP"), []);
  });
});
