/**
 * Writes holdout.jsonl: a labelled set written apart from the development corpus (other phrasings,
 * carriers and languages), in the corpus's record shape so the same scorer reads it. It was
 * written before the detectors and is never used to tune them; run it again only to extend it.
 *   node --import tsx test/safety/holdout/make-holdout.ts
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { directInjections, goals, injectedOrders, jailbreakTemplates, manyShotPairs } from "./attack-texts.js";
import { benignPrompts, hardNegatives } from "./benign-texts.js";
import { carriers } from "./carriers.js";
import { obfuscations } from "./obfuscations.js";

interface HoldoutRecord {
  id: string;
  label: "attack" | "benign";
  kind: "jailbreak" | "injection" | "benign" | "hard_negative";
  source: string;
  lang: string;
  text: string;
}

const out: HoldoutRecord[] = [];
const add = (label: HoldoutRecord["label"], kind: HoldoutRecord["kind"], source: string, lang: string, text: string): void => {
  const id = `${label === "attack" ? "h-a" : "h-b"}-${createHash("sha1").update(text).digest("hex").slice(0, 10)}`;
  if (out.some((r) => r.id === id)) return;
  out.push({ id, label, kind, source, lang, text });
};

// Jailbreak templates, each filled with one goal round-robin.
jailbreakTemplates.forEach((t, i) => add("attack", "jailbreak", `holdout:${t.family}`, t.lang, t.text.replace("{goal}", goals[i % goals.length] as string)));

for (const t of directInjections) add("attack", "injection", `holdout:${t.family}`, t.lang, t.text);

// Obfuscated goals and overrides.
obfuscations.forEach((o, i) => add("attack", o.kind, `holdout:obfuscation/${o.name}`, "en", o.apply(i)));

// Many-shot: a fake dialogue of compliant answers, then the real question.
for (let n = 0; n < 6; n++) {
  const shots = 6 + n * 3;
  const lines: string[] = [];
  for (let k = 0; k < shots; k++) {
    const [q, a] = manyShotPairs[(k + n) % manyShotPairs.length] as [string, string];
    lines.push(`${n % 2 ? "Human" : "User"}: ${q}\n${n % 2 ? "Assistant" : "AI"}: ${a}`);
  }
  lines.push(`${n % 2 ? "Human" : "User"}: ${goals[(n + 7) % goals.length]}\n${n % 2 ? "Assistant" : "AI"}:`);
  add("attack", "jailbreak", "holdout:many_shot", "en", lines.join("\n\n"));
}

// Indirect injection: an order hidden in a carrier document; the clean carrier is a hard negative.
carriers.forEach((c, i) => {
  add("attack", "injection", `holdout:indirect/${c.name}`, c.lang, c.wrap(injectedOrders[i % injectedOrders.length] as string));
  add("benign", "hard_negative", `holdout:carrier_clean/${c.name}`, c.lang, c.wrap(""));
});

for (const b of benignPrompts) add("benign", "benign", `holdout:benign/${b.lang}`, b.lang, b.text);
for (const h of hardNegatives) add("benign", "hard_negative", `holdout:hard/${h.topic}`, h.lang, h.text);

writeFileSync(new URL("./holdout.jsonl", import.meta.url), out.map((r) => JSON.stringify(r)).join("\n") + "\n");
const count = (k: string): number => out.filter((r) => r.kind === k).length;
process.stdout.write(`${out.length} records: jailbreak ${count("jailbreak")}, injection ${count("injection")}, benign ${count("benign")}, hard_negative ${count("hard_negative")}\n`);
