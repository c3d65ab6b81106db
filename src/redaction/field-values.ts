import type { PiiType } from "./finding.js";
import { luhn } from "./luhn.js";

// What a field's value must look like before its label is believed: a "Name" column holding
// "—" or a product, a "Phone" key holding "n/a", are left alone.
const NAME = /^(?:(?:van|de|der|den|da|do|dos|von|di|del|la|le|ter|ten|al|bin) )*[\p{Lu}][\p{L}'’.-]*(?:(?:[ ,/]|, )[\p{L}][\p{L}'’.-]*){0,5}$/u;
const PHONE = /^[+(]?\d[\d ()./-]{5,22}$/;
const DATE = /^(?:\d{1,4}[-./ ]\d{1,2}[-./ ]\d{1,4}|\d{1,2}\.? ?(?:de )?\p{L}{3,12}\.?,? (?:de )?\d{4}|\p{L}{3,12} \d{1,2},? \d{4})$/u;
const ID = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9 ./-]{3,24}$/;
const CARD = /^\d[\d -]{11,22}\d$/;
const ADDRESS = /^(?=.*\p{L})(?=.*\d).{6,120}$/u;
const PLACEHOLDER = /^(?:n\/?a|none|null|unknown|-+|—|tbd|xxx+|\*+|redacted|<[^>]*>|\{\{.*\}\}|\$\{.*\})$/i;

/** True when `value` fits what a field labelled as `type` holds. */
export function valueFits(type: PiiType, value: string): boolean {
  if (value.length < 2 || PLACEHOLDER.test(value)) return false;
  switch (type) {
    case "PERSON": return value.length <= 60 && NAME.test(value);
    case "PHONE": {
      if (!PHONE.test(value)) return false;
      const digits = value.replace(/\D/g, "").length;
      return digits >= 6 && digits <= 15;
    }
    case "DOB": return value.length <= 30 && DATE.test(value);
    case "ID": return ID.test(value);
    case "CARD": {
      if (!CARD.test(value)) return false;
      const digits = value.replace(/\D/g, "");
      return digits.length >= 13 && digits.length <= 19 && luhn(digits);
    }
    case "ADDRESS": return ADDRESS.test(value);
    default: return false;
  }
}
