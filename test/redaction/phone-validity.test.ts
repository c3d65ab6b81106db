import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { isValidInternationalNumber, isValidNationalNumber } from "../../src/redaction/recognizers/phone-validity.js";
import { Random } from "./corpus/random.js";

// The fast validator applies libphonenumber's metadata itself; it must agree with the library.
describe("phone validity", () => {
  const r = new Random(7);
  const regions = ["US", "GB", "DE", "FR", "NL", "IT", "AT", "CH", "BE", "IE", "ES"] as const;
  const CALLING_CODE: Record<(typeof regions)[number], string> = {
    US: "1", GB: "44", DE: "49", FR: "33", NL: "31", IT: "39", AT: "43", CH: "41", BE: "32", IE: "353", ES: "34",
  };

  it("agrees with libphonenumber on random national numbers", () => {
    let valid = 0;
    for (let i = 0; i < 3000; i++) {
      const region = r.pick(regions);
      const digits = (r.chance(0.6) ? "0" : "") + r.digits(r.int(6, 11));
      // libphonenumber also reads "4930…" in DE as "+49 30…" and "0046…" as "+46…"; the
      // recogniser sends "00" numbers down the international path and leaves the other guess out.
      if (digits.startsWith(CALLING_CODE[region]) || digits.startsWith("00")) continue;
      const expected = parsePhoneNumberFromString(digits, region)?.isValid() === true;
      if (expected) valid++;
      assert.equal(isValidNationalNumber(digits, region), expected, `${digits} in ${region}`);
    }
    assert.ok(valid > 100, `only ${valid} valid samples`);
  });

  it("agrees with libphonenumber on random international numbers", () => {
    const codes = ["1", "44", "49", "33", "31", "39", "43", "41", "32", "353", "34", "48", "91"];
    for (let i = 0; i < 3000; i++) {
      const digits = r.pick(codes) + r.digits(r.int(6, 11));
      const expected = parsePhoneNumberFromString(`+${digits}`)?.isValid() === true;
      assert.equal(isValidInternationalNumber(digits), expected, `+${digits}`);
    }
  });
});
