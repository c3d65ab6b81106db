import type { Finding, PiiType } from "./finding.js";
import type { TextScan } from "./text-scan.js";

/**
 * One recogniser finds one type. `find` appends to `out` rather than returning an array so the
 * engine allocates one list per call, and it must be linear in the text: it runs on every prompt.
 * `scan` holds what recognisers share (cue phrases, numeric runs), found once per text.
 */
export interface Recognizer {
  readonly type: PiiType;
  find(text: string, out: Finding[], scan: TextScan): void;
}
