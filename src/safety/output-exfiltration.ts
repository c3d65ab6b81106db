import type { SafetyFinding } from "./finding.js";

// An image the client renders fetches its URL by itself: data in its query leaves with no click.
const MD_IMAGE = /!\[[^\]\n]{0,200}\]\(\s*<?(https?:\/\/[^)\s>]{1,2000})/g;
const HTML_IMAGE = /<img\b[^>]{0,200}\bsrc\s*=\s*["']?(https?:\/\/[^"'\s>]{1,2000})/gi;
const REF_IMAGE = /^\s*\[[^\]\n]{1,100}\]:\s*(https?:\/\/\S{1,2000})/gm;
const LINK = /\]\(\s*<?(https?:\/\/[^)\s>]{1,2000})/g;

/** How much a URL looks like it carries data out: a long or encoded query value. */
function carryScore(url: string): number {
  const q = url.search(/[?#]/);
  const tail = q < 0 ? url.slice(url.indexOf("/", 8) + 1) : url.slice(q + 1);
  let longest = 0;
  for (const part of tail.split(/[&;/=]/)) longest = Math.max(longest, part.length);
  if (longest >= 40 || /%[0-9a-f]{2}.*%[0-9a-f]{2}.*%[0-9a-f]{2}/i.test(tail)) return 0.85;
  if (longest >= 16 && /[A-Za-z0-9+/_-]{16,}/.test(tail)) return 0.6;
  return q < 0 ? 0 : 0.3;
}

/** Markdown or HTML images (and, weaker, links) in a model's output whose URLs carry data. */
export function findOutputExfiltration(text: string, found: SafetyFinding[]): void {
  if (!text.includes("http")) return;
  for (const re of [MD_IMAGE, HTML_IMAGE, REF_IMAGE]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const score = carryScore(m[1] as string);
      if (score > 0) found.push({ category: "exfiltration", score, start: m.index, end: m.index + m[0].length, rule: "image-url-data" });
    }
  }
  for (const m of text.matchAll(LINK)) {
    const score = carryScore(m[1] as string) * 0.6;
    if (score > 0.2) found.push({ category: "exfiltration", score, start: m.index, end: m.index + m[0].length, rule: "link-url-data" });
  }
}
