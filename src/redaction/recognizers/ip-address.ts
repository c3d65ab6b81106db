import ipaddr from "ipaddr.js";
import { isWordAt } from "../char-class.js";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

// Boundaries are checked in code: a look-behind at the front would stop V8 from skipping ahead.
const IPV4 = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g;
const VERSION_CONTEXT = /\b(?:v|ver|version|release|build|firmware|section|chapter|§)\.?\s*$/i;

function isIpv6Code(code: number): boolean {
  return (
    (code >= 48 && code <= 58) || // 0-9 and ':'
    (code >= 65 && code <= 70) ||
    (code >= 97 && code <= 102) ||
    code === 46
  );
}

/** Each part 0–255: a cheap filter before ipaddr's parser. */
function octetsInRange(value: string): boolean {
  for (const part of value.split(".")) if (Number(part) > 255) return false;
  return true;
}

/** "1.2.3.4.5", "10.0.19045.1234" and "1.2.3.4-beta" are versions; "v1.2.3.4" too. */
function ipv4At(text: string, start: number, end: number): boolean {
  const prev = text[start - 1];
  if (isWordAt(text, start - 1) || prev === ".") return false;
  const next = text[end];
  if (isWordAt(text, end)) return false;
  if ((next === "." || next === "-") && /[\dA-Za-z]/.test(text[end + 1] ?? "")) return false;
  const value = text.slice(start, end);
  if (!octetsInRange(value) || !ipaddr.IPv4.isValidFourPartDecimal(value)) return false;
  return !VERSION_CONTEXT.test(text.slice(Math.max(0, start - 12), start));
}

/** ipaddr accepts "1:2:3:4:5:6:7:8" and "a::b"; prose needs a digit and a proper shape too. */
function ipv6Length(value: string): number {
  let candidate = value.replace(/\.+$/, "");
  // "fe80::1:" at the end of a clause: the last colon is punctuation.
  if (candidate.endsWith(":") && !candidate.endsWith("::")) candidate = candidate.slice(0, -1);
  if (!/\d/.test(candidate)) return 0;
  // Slices like "x[1::2]" are valid addresses too; real ones have a 3+ digit group or are "::1".
  if (candidate !== "::1" && !/[0-9A-Fa-f]{3}/.test(candidate)) return 0;
  const colons = candidate.split(":").length - 1;
  if (!candidate.includes("::") && colons !== 7 && !(colons === 6 && candidate.includes("."))) return 0;
  return ipaddr.IPv6.isValid(candidate) ? candidate.length : 0;
}

/** Walks from colon to colon over runs of hex digits, ':' and '.', which is linear and cheap. */
function findIpv6(text: string, out: Finding[]): void {
  let colon = text.indexOf(":");
  while (colon !== -1) {
    let colons = 1;
    let start = colon;
    while (start > 0 && isIpv6Code(text.charCodeAt(start - 1))) if (text.charCodeAt(--start) === 58) colons++;
    let end = colon + 1;
    while (end < text.length && isIpv6Code(text.charCodeAt(end))) if (text.charCodeAt(end++) === 58) colons++;
    // Seven colons or a "::" make an address shape; "10:30:00" and "a:b:c" need no closer look.
    const shaped = colons >= 7 || (colons >= 2 && text.slice(start, end).includes("::"));
    if (shaped && !isWordAt(text, start - 1) && !isWordAt(text, end)) {
      const length = ipv6Length(text.slice(start, end));
      if (length > 0) out.push({ type: "IP", start, end: start + length });
    }
    colon = text.indexOf(":", end);
  }
}

export const ipAddress: Recognizer = {
  type: "IP",
  find(text, out: Finding[], scan: TextScan) {
    for (const run of scan.numbers) {
      if (run.value.length < 7 || !run.value.includes(".")) continue;
      IPV4.lastIndex = 0;
      for (let m = IPV4.exec(run.value); m !== null; m = IPV4.exec(run.value)) {
        const start = run.start + m.index;
        const end = start + m[0].length;
        if (ipv4At(text, start, end)) out.push({ type: "IP", start, end });
      }
    }
    findIpv6(text, out);
  },
};
