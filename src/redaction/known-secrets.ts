import type { Finding } from "./finding.js";

/**
 * Secrets the configuration names (static keys, admin keys, upstream API keys), found in a text
 * wherever they occur verbatim: they have no shape a recogniser could know. One regular
 * expression of the escaped values, longest first, so the scan is one pass per text whatever
 * their number. Built once per config; values shorter than 12 characters are not looked for
 * (config requires 16 for keys; a short upstream key would match ordinary words).
 */
export class KnownSecrets {
  private readonly pattern: RegExp | undefined;

  constructor(values: Iterable<string>) {
    const unique = [...new Set([...values].filter((v) => v.length >= 12))].sort((a, b) => b.length - a.length);
    this.pattern = unique.length === 0 ? undefined : new RegExp(unique.map(escape).join("|"), "g");
  }

  get empty(): boolean {
    return this.pattern === undefined;
  }

  find(text: string): Finding[] {
    const out: Finding[] = [];
    const pattern = this.pattern;
    if (pattern === undefined) return out;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      out.push({ type: "SECRET", start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
