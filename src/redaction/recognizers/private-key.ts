import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";

const BEGIN = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----/g;
// Lines of a PEM body (or its headers) when a log or paste cut the END line off.
const BODY_LINE = /(?:\r?\n|\\n)[ \t]*(?:[A-Za-z0-9+/=]{8,}|[A-Za-z-]+: [^\n]*)/y;

/** PEM private keys (PKCS#1/#8, EC, OpenSSH, encrypted), also inside JSON with "\n" escapes. */
export const privateKey: Recognizer = {
  type: "SECRET",
  find(text, out: Finding[]) {
    if (!text.includes("PRIVATE KEY-----")) return;
    // Once a kind's END line is missing, later searches for it would scan to the end of the text
    // again and again: remember the miss.
    const missingEnd = new Set<string>();
    BEGIN.lastIndex = 0;
    for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
      const kind = m[1] ?? "";
      const endMarker = `-----END ${kind}PRIVATE KEY-----`;
      const endAt = missingEnd.has(kind) ? -1 : text.indexOf(endMarker, m.index);
      if (endAt === -1) missingEnd.add(kind);
      let end: number;
      if (endAt !== -1) {
        end = endAt + endMarker.length;
      } else {
        end = m.index + m[0].length;
        BODY_LINE.lastIndex = end;
        while (BODY_LINE.exec(text) !== null) end = BODY_LINE.lastIndex;
      }
      out.push({ type: "SECRET", start: m.index, end });
      BEGIN.lastIndex = end;
    }
  },
};
