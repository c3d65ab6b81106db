import type { PiiType } from "./finding.js";

// Types whose values are written with arbitrary spacing and punctuation ("DE89 3704…" vs
// "DE893704…"): compare them by letters and digits only.
const COMPACT: ReadonlySet<PiiType> = new Set<PiiType>(["PHONE", "CARD", "IBAN", "SSN", "ID"]);
const SEPARATORS = /[\s\-./()]+/g;
const SPACES = /\s+/g;

/** Lower case; COMPACT types without separators, others with runs of whitespace as one space. */
function normalise(type: PiiType, value: string): string {
  const lower = value.toLowerCase();
  return COMPACT.has(type) ? lower.replace(SEPARATORS, "") : lower.replace(SPACES, " ").trim();
}

/**
 * Consistent placeholders for one conversation: the same e-mail gets `<EMAIL_1>` every time, the
 * next different one `<EMAIL_2>`. Keep one map per conversation, never share it across users —
 * it holds the original values so a reply can be restored.
 */
export class PseudonymMap {
  // Created on first use: most texts redacted with a fresh map have nothing to replace.
  #labels: Map<string, string> | undefined;
  #originals: Map<string, string> | undefined;
  readonly #counts: Partial<Record<PiiType, number>> = {};

  /** The placeholder for `value`, allocating the next number for its type on first sight. */
  placeholder(type: PiiType, value: string): string {
    const labels = (this.#labels ??= new Map());
    const key = `${type}:${normalise(type, value)}`;
    const known = labels.get(key);
    if (known !== undefined) return known;
    const n = (this.#counts[type] ?? 0) + 1;
    this.#counts[type] = n;
    const label = `<${type}_${n}>`;
    labels.set(key, label);
    (this.#originals ??= new Map()).set(label, value);
    return label;
  }

  /** The first original value seen for a placeholder, e.g. to restore it in a model's reply. */
  original(placeholder: string): string | undefined {
    return this.#originals?.get(placeholder);
  }

  /** Replaces every known placeholder in `text` by its original value. */
  restore(text: string): string {
    return text.replace(/<[A-Z]+_\d+>/g, (label) => this.#originals?.get(label) ?? label);
  }

  get size(): number {
    return this.#labels?.size ?? 0;
  }
}
