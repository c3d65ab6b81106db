import type { PiiType } from "./finding.js";

// Types whose values are written with arbitrary spacing and punctuation ("DE89 3704…" vs
// "DE893704…"): compare them by letters and digits only.
const COMPACT: ReadonlySet<PiiType> = new Set<PiiType>(["PHONE", "CARD", "IBAN", "SSN", "ID"]);

function normalise(type: PiiType, value: string): string {
  const lower = value.toLowerCase();
  return COMPACT.has(type) ? lower.replace(/[^\p{L}\d+]/gu, "") : lower.replace(/\s+/g, " ").trim();
}

/**
 * Consistent placeholders for one conversation: the same e-mail gets `<EMAIL_1>` every time, the
 * next different one `<EMAIL_2>`. Keep one map per conversation, never share it across users —
 * it holds the original values so a reply can be restored.
 */
export class PseudonymMap {
  readonly #labels = new Map<string, string>();
  readonly #originals = new Map<string, string>();
  readonly #counts = new Map<PiiType, number>();

  /** The placeholder for `value`, allocating the next number for its type on first sight. */
  placeholder(type: PiiType, value: string): string {
    const key = `${type}\u0000${normalise(type, value)}`;
    const known = this.#labels.get(key);
    if (known !== undefined) return known;
    const n = (this.#counts.get(type) ?? 0) + 1;
    this.#counts.set(type, n);
    const label = `<${type}_${n}>`;
    this.#labels.set(key, label);
    this.#originals.set(label, value);
    return label;
  }

  /** The first original value seen for a placeholder, e.g. to restore it in a model's reply. */
  original(placeholder: string): string | undefined {
    return this.#originals.get(placeholder);
  }

  /** Replaces every known placeholder in `text` by its original value. */
  restore(text: string): string {
    return text.replace(/<[A-Z]+_\d+>/g, (label) => this.#originals.get(label) ?? label);
  }

  get size(): number {
    return this.#labels.size;
  }
}
