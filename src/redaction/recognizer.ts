import type { Finding, PiiType } from "./finding.js";

/**
 * One recogniser finds one type. `find` appends to `out` rather than returning an array so the
 * engine allocates one list per call, and it must be linear in the text: it runs on every prompt.
 */
export interface Recognizer {
  readonly type: PiiType;
  find(text: string, out: Finding[]): void;
}
