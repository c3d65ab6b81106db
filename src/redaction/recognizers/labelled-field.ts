import type { Finding, PiiType } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

/** The values of `type` that a key, form label or column header announces (field-scan.ts). */
export function labelledField(type: PiiType): Recognizer {
  return {
    type,
    find(_text: string, out: Finding[], scan: TextScan) {
      for (const field of scan.fields.found) if (field.type === type) out.push(field);
    },
  };
}
