import { findPii, type RedactOptions } from "./find-pii.js";
import type { PseudonymMap } from "./pseudonym-map.js";
import { replaceFindings } from "./replace-findings.js";

/** Replaces personal data and secrets in `text` by `<TYPE>` or, in pseudonym mode, `<TYPE_n>`. */
export function redact(text: string, options: RedactOptions & { readonly pseudonyms?: PseudonymMap } = {}): string {
  return replaceFindings(text, findPii(text, options), options);
}
