import { type Cue, scanCues } from "./cue-scan.js";
import { type Fields, scanFields } from "./field-scan.js";
import { type NumericRun, scanNumericRuns } from "./numeric-runs.js";

/**
 * What several recognisers need from one text, computed once and only when first asked for:
 * the cue phrases, the numeric runs and the labelled fields.
 */
export class TextScan {
  #cues: Cue[] | undefined;
  #numbers: NumericRun[] | undefined;
  #fields: Fields | undefined;

  constructor(readonly text: string) {}

  get cues(): readonly Cue[] {
    return (this.#cues ??= scanCues(this.text));
  }

  get numbers(): readonly NumericRun[] {
    return (this.#numbers ??= scanNumericRuns(this.text));
  }

  /** Values announced by a key, label or column header. */
  get fields(): Fields {
    return (this.#fields ??= scanFields(this.text));
  }

  hasCue(kind: Cue["kind"]): boolean {
    return this.cues.some((cue) => cue.kind === kind);
  }
}
