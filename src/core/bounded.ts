/** How much of a client-chosen string a log line, record or error message repeats. */
export const SHOWN_CHARS = 256;

/**
 * A client-chosen string cut to `max` characters, marked with how much was left out, so a 1 MB
 * `model` or path costs a log line, a record or an error message a few hundred bytes.
 */
export function bounded(text: string, max = SHOWN_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[+${text.length - max} chars]`;
}
