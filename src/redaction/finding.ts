/** The kinds of personal data and secrets the redaction engine recognises. */
export type PiiType =
  | "EMAIL"
  | "PHONE"
  | "CARD"
  | "IBAN"
  | "SSN"
  | "IP"
  | "PERSON"
  | "ADDRESS"
  | "DOB"
  | "ID"
  | "SECRET";

export const PII_TYPES: readonly PiiType[] = [
  "EMAIL",
  "PHONE",
  "CARD",
  "IBAN",
  "SSN",
  "IP",
  "PERSON",
  "ADDRESS",
  "DOB",
  "ID",
  "SECRET",
];

/** A recognised span: `text.slice(start, end)` is the sensitive value (UTF-16 offsets). */
export interface Finding {
  readonly type: PiiType;
  readonly start: number;
  readonly end: number;
}

export function isPiiType(value: unknown): value is PiiType {
  return typeof value === "string" && (PII_TYPES as readonly string[]).includes(value);
}
