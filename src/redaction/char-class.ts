/**
 * Character tests used for boundaries. Recognisers check boundaries by hand because `\b` is
 * ASCII-only and look-behinds at the front of a pattern stop V8 from skipping ahead quickly.
 */
export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const NON_ASCII_LETTER = /\p{L}/u;

/** Letter, digit or underscore in any script: the characters that continue a word. */
export function isWordCode(code: number): boolean {
  if (code < 128) return isDigitCode(code) || isAsciiLetterCode(code) || code === 95;
  return NON_ASCII_LETTER.test(String.fromCharCode(code));
}

/** True when the character at `index` continues a word; out-of-range indexes are not words. */
export function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  return isWordCode(text.charCodeAt(index));
}
