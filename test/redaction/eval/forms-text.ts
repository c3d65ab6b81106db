/** Free-text forms of the evaluation corpus: support e-mails, chat transcripts, tickets. */
import type { Random } from "../corpus/random.js";
import { keep, type Part, pii } from "../corpus/record.js";
import { address, birthDate, card, iban, phone } from "./contact.js";
import { nationalId } from "./ids.js";
import { type Lang, WORDS } from "./lang.js";
import { emailOf, person } from "./people.js";
import { negative } from "./tokens.js";

/** A sentence with a person's name after a verb of communication, split into labelled parts. */
export function talkAbout(r: Random, lang: Lang): Part[] {
  const [before, after] = r.pick(WORDS[lang].talk).split("{P}");
  const who = person(r, lang);
  return [before ?? "", pii("PERSON", r.chance(0.75) ? who.full : who.first), after ?? ""];
}

/** One detail a customer adds: a phone, an id, an IBAN, a card, an address or a birth date, with its label. */
export function detail(r: Random, lang: Lang): Part[] {
  const w = WORDS[lang];
  switch (r.int(0, 6)) {
    case 0: return [`${w.phone}: `, pii("PHONE", phone(r, lang))];
    case 1: {
      const id = nationalId(r, lang);
      return [`${id.label}: `, pii("ID", id.value)];
    }
    case 2: return [`${w.iban}: `, pii("IBAN", iban(r, lang))];
    case 3: return [`${w.card} `, pii("CARD", card(r))];
    case 4: return [`${w.address}: `, pii("ADDRESS", address(r, lang))];
    case 5: return [`${w.born} `, pii("DOB", birthDate(r, lang))];
    default: return [pii("PHONE", phone(r, lang))];
  }
}

export function supportEmail(r: Random, lang: Lang): Part[] {
  const w = WORDS[lang];
  const agent = person(r, lang);
  const me = person(r, lang);
  const n = negative(r);
  const greeting: Part[] = r.chance(0.6) ? [`${r.pick(w.hello)} `, pii("PERSON", agent.first), ",\n\n"] : [`${r.pick(w.hello)},\n\n`];
  const sign: Part[] = r.chance(0.7) ? [pii("PERSON", me.full)] : [pii("PERSON", me.first)];
  return [
    ...greeting,
    `${r.pick(w.issue)} (${n.label} `, keep(n.value), "). ",
    ...talkAbout(r, lang), "\n",
    ...detail(r, lang), " — ", pii("EMAIL", emailOf(r, me)), "\n",
    ...(r.chance(0.5) ? [...detail(r, lang), "\n"] : []),
    `\n${r.pick(w.bye)},\n`, ...sign,
    ...(r.chance(0.3) ? ["\n", pii("PHONE", phone(r, lang))] : []),
  ];
}

export function chat(r: Random, lang: Lang): Part[] {
  const w = WORDS[lang];
  const agent = person(r, lang);
  const customer = person(r, lang);
  const stamp = (): string => `${String(r.int(8, 20)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}`;
  const speaker = (name: string): Part[] => (r.chance(0.5) ? [`[${stamp()}] `, pii("PERSON", name), ": "] : [pii("PERSON", name), ` (${stamp()}): `]);
  const n = negative(r);
  return [
    ...speaker(agent.full), `${r.pick(w.hello)} `, pii("PERSON", customer.first), "! 👋\n",
    ...speaker(customer.full), `${r.pick(w.issue)}, ${n.label} `, keep(n.value), "\n",
    ...speaker(agent.full), `${w.thanks}. ${w.email}?\n`,
    ...speaker(customer.full), pii("EMAIL", emailOf(r, customer)), " / ", ...detail(r, lang), "\n",
    ...speaker(agent.full), ...talkAbout(r, lang),
  ];
}

export function ticket(r: Random, lang: Lang): Part[] {
  const w = WORDS[lang];
  const reporter = person(r, lang);
  const assignee = person(r, lang);
  const n = negative(r);
  const m = negative(r);
  return [
    `${r.pick(["JIRA", "SUP", "OPS", "HELP"])}-${r.int(100, 9999)} · ${r.pick(w.issue)}\n`,
    `${r.pick(["Reporter", "Requester", "Solicitante", "Melder", "Zgłaszający"])}: `, pii("PERSON", reporter.full), " <", pii("EMAIL", emailOf(r, reporter)), ">\n",
    `${r.pick(["Assignee", "Bearbeiter", "Responsável", "Assegnatario", "Toegewezen aan"])}: `, pii("PERSON", assignee.full), "\n",
    `${r.pick(["Environment", "Umgebung", "Ambiente"])}: ${n.label} `, keep(n.value), `, ${m.label} `, keep(m.value), "\n\n",
    ...talkAbout(r, lang), " ", ...detail(r, lang), "\n",
    ...(r.chance(0.5) ? ["cc ", pii("PERSON", person(r, lang).full), "\n"] : []),
  ];
}
