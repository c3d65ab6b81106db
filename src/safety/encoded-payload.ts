/**
 * Finds text hidden in an encoding (base64, hex, ROT13, reversed, Morse) and decodes it, so the
 * word rules can read what the model would read. Only decodings that come out as readable text
 * are kept; at most a few per input, so a long document of hashes costs little.
 */
export interface DecodedView {
  readonly encoding: "base64" | "hex" | "rot13" | "atbash" | "reversed" | "morse" | "braille" | "joined";
  readonly text: string;
  /** Share of the input the encoded run took: a prompt that is mostly an encoding hides its request. */
  readonly share: number;
}

const BASE64 = /(?<![A-Za-z0-9+/=])(?:[A-Za-z0-9+/]{4}){5,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?/g;
const HEX = /\b(?:[0-9a-f]{2}[ :]?){12,}\b/gi;
const MORSE = /(?:[.\-–]{1,6}[ /|]{1,3}){8,}[.\-–]{1,6}/g;
const MAX_VIEWS = 4;
const BRAILLE = "⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝⠕⠏⠟⠗⠎⠞⠥⠧⠺⠭⠽⠵";
const COMMON = /\b(?:the|to|and|of|how|you|your|for|is|in|a|on|with|what|this|that|me|all|give|write|tell)\b/g;
const commonWords = (s: string): number => s.match(COMMON)?.length ?? 0;
const ATBASH = (s: string): string => s.replace(/[a-z]/g, (c) => String.fromCharCode(219 - c.charCodeAt(0)));

function readable(text: string): boolean {
  if (text.length < 8) return false;
  let letters = 0;
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 32) letters++;
    else if (c < 32 && c !== 10 && c !== 13 && c !== 9) odd++;
    else if (c === 0xfffd) odd++;
  }
  return odd === 0 && letters / text.length > 0.75 && / [a-z]{2,}/i.test(text);
}

const ROT = (s: string): string =>
  s.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });

const MORSE_CODE: Readonly<Record<string, string>> = {
  ".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g", "....": "h", "..": "i", ".---": "j", "-.-": "k", ".-..": "l", "--": "m",
  "-.": "n", "---": "o", ".--.": "p", "--.-": "q", ".-.": "r", "...": "s", "-": "t", "..-": "u", "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z",
};

function decodeMorse(run: string): string {
  return run
    .replace(/–/g, "-")
    .split(/\s*[/|]\s*|\s{2,}/)
    .map((word) => word.trim().split(/\s+/).map((l) => MORSE_CODE[l] ?? "").join(""))
    .join(" ");
}

/** `original` as typed (case matters for base64); `lower` the normalised text (cues for ROT13 and reversal). */
export function decodedViews(original: string, lower: string): DecodedView[] {
  const views: DecodedView[] = [];
  if (original.length >= 20) {
    for (const m of original.matchAll(BASE64)) {
      if (views.length >= MAX_VIEWS) break;
      // Plain words glued together also fit the alphabet: real base64 mixes case and digits.
      if (!/[A-Z]/.test(m[0]) || !/[a-z]/.test(m[0]) || !/[0-9+/=]/.test(m[0])) continue;
      const text = Buffer.from(m[0], "base64").toString("utf8");
      if (readable(text)) views.push({ encoding: "base64", text: text.toLowerCase(), share: m[0].length / original.length });
    }
    for (const m of original.matchAll(HEX)) {
      if (views.length >= MAX_VIEWS) break;
      const text = Buffer.from(m[0].replace(/[ :]/g, ""), "hex").toString("utf8");
      if (readable(text)) views.push({ encoding: "hex", text: text.toLowerCase(), share: m[0].length / original.length });
    }
    if (views.length < MAX_VIEWS && /[.\-–]{1,6} [.\-–]{1,6} [.\-–]{1,6}/.test(original)) {
      for (const m of original.matchAll(MORSE)) {
        const text = decodeMorse(m[0]);
        if (text.replace(/ /g, "").length >= 6) views.push({ encoding: "morse", text, share: m[0].length / original.length });
        if (views.length >= MAX_VIEWS) break;
      }
    }
  }
  if (/[⠁-⠿]{4}/.test(original)) {
    const text = original.replace(/[⠀-⣿]/g, (c) => {
      const i = BRAILLE.indexOf(c);
      return i >= 0 ? String.fromCharCode(97 + i) : c === "⠀" ? " " : "";
    });
    views.push({ encoding: "braille", text, share: 1 });
  }
  // Letters shifted (ROT13) or mirrored (Atbash) read as English once undone; plain text reads better as it is.
  const letters = lower.length >= 20 && /^[^\u0080-\uffff]*$/.test(lower);
  // A cipher is uniform: its first few hundred characters tell.
  const plainCommon = letters ? commonWords(lower.slice(0, 300)) : 0;
  if (/\b(?:rot-?13|rot 13|caesar|cipher|cypher)\b/.test(lower) || (letters && plainCommon <= 1 && commonWords(ROT(lower.slice(0, 300))) >= 3)) views.push({ encoding: "rot13", text: ROT(lower), share: plainCommon <= 1 ? 1 : 0 });
  if (/\batbash\b/.test(lower) || (letters && plainCommon <= 1 && commonWords(ATBASH(lower.slice(0, 300))) >= 3)) views.push({ encoding: "atbash", text: ATBASH(lower), share: plainCommon <= 1 ? 1 : 0 });
  if (/\b(?:backwards?|reversed?|in reverse|right to left)\b/.test(lower)) views.push({ encoding: "reversed", text: [...lower].reverse().join(""), share: 0 });
  // Strings cut into quoted pieces to be concatenated: "ht","tp","s://".
  if ((lower.match(/["'],\s?["']/g)?.length ?? 0) >= 5) views.push({ encoding: "joined", text: lower.replace(/["'],\s?["']/g, ""), share: 0 });
  return views;
}
