import { type Cue, scanCues } from "./cue-scan.js";
import { type NumericRun, scanNumericRuns } from "./numeric-runs.js";

/**
 * What several recognisers need from one text, computed once and only when first asked for:
 * the cue phrases and the numeric runs.
 */
export class TextScan {
  #cues: Cue[] | undefined;
  #numbers: NumericRun[] | undefined;

  constructor(readonly text: string) {}

  get cues(): readonly Cue[] {
    return (this.#cues ??= scanCues(this.text));
  }

  get numbers(): readonly NumericRun[] {
    return (this.#numbers ??= scanNumericRuns(this.text));
  }

  hasCue(kind: Cue["kind"]): boolean {
    return this.cues.some((cue) => cue.kind === kind);
  }
}
