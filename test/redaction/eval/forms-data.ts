/** Structured forms of the evaluation corpus: JSON payloads, markdown tables, CSV/TSV, log lines, form dumps. */
import type { Random } from "../corpus/random.js";
import { keep, type Part, pii } from "../corpus/record.js";
import { address, birthDate, card, iban, phone } from "./contact.js";
import { nationalId } from "./ids.js";
import { type Lang, WORDS } from "./lang.js";
import { emailOf, person } from "./people.js";
import { negative, negativeLike, secret } from "./tokens.js";

type Field = readonly [label: string, key: string, value: Part];

/** The columns of one row about one person; the first fields are always the name. */
function personFields(r: Random, lang: Lang, split: boolean): Field[] {
  const w = WORDS[lang];
  const p = person(r, lang);
  const id = nationalId(r, lang);
  const n = negative(r);
  const name: Field[] = split
    ? [[w.first, r.pick(["firstName", "first_name", "given_name", lang === "pt" ? "nome" : "vorname"]), pii("PERSON", p.first)], [w.last, r.pick(["lastName", "last_name", "surname", lang === "pt" ? "sobrenome" : "nachname"]), pii("PERSON", p.last)]]
    : [[w.name, r.pick(["name", "fullName", "customer_name", "contact", "holder", lang === "pt" ? "nome" : "nom"]), pii("PERSON", p.full)]];
  const extra: Field[] = [
    [w.email, r.pick(["email", "mail", "e_mail"]), pii("EMAIL", emailOf(r, p))],
    [w.phone, r.pick(["phone", "mobile", "tel", "telefone", "telefon"]), pii("PHONE", phone(r, lang))],
    [w.dob, r.pick(["birthDate", "dob", "date_of_birth", "nascimento", "geburtsdatum"]), pii("DOB", birthDate(r, lang, r.chance(0.5)))],
    [id.label, id.key, pii("ID", id.value)],
    [w.iban, "iban", pii("IBAN", iban(r, lang))],
    [w.address, r.pick(["address", "street", "endereco", "adresse"]), pii("ADDRESS", address(r, lang))],
    [w.card, "card_number", pii("CARD", card(r))],
  ];
  const chosen = extra.filter(() => r.chance(0.45)).slice(0, 4);
  return [...name, ...chosen, [n.label, n.label, keep(n.value)]];
}

export function jsonPayload(r: Random, lang: Lang): Part[] {
  const fields = personFields(r, lang, r.chance(0.3));
  const pretty = r.chance(0.5);
  const nl = pretty ? "\n    " : " ";
  const out: Part[] = [`{${pretty ? "\n  " : ""}"event": "${r.pick(["customer.updated", "signup", "refund.requested", "kyc.submitted"])}",${pretty ? "\n  " : " "}"data": {${nl}`];
  fields.forEach(([, key, value], i) => {
    out.push(`"${key}": "`, value, `"${i < fields.length - 1 ? `,${nl}` : ""}`);
  });
  out.push(pretty ? "\n  }\n}" : " }}");
  return out;
}

/** Rows of people sharing one header; a field set of the first row decides the columns. */
function rows(r: Random, lang: Lang): { header: string[]; body: Part[][] } {
  const split = r.chance(0.3);
  const first = personFields(r, lang, split);
  const header = first.map(([label]) => label);
  const body: Part[][] = [first.map(([, , v]) => v)];
  const count = r.int(1, 3);
  for (let i = 0; i < count; i++) {
    const more = personFields(r, lang, split);
    // Same columns: take the value with the same label where the new row has one, else a fresh keep.
    body.push(header.map((h, j) => more.find(([label]) => label === h)?.[2] ?? (j === header.length - 1 ? keep(negativeLike(r, h).value) : "—")));
  }
  return { header, body };
}

export function markdownTable(r: Random, lang: Lang): Part[] {
  const { header, body } = rows(r, lang);
  const out: Part[] = [`| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|\n`];
  for (const row of body) {
    out.push("| ");
    row.forEach((cell, i) => out.push(cell, i < row.length - 1 ? " | " : " |\n"));
  }
  return out;
}

export function delimited(r: Random, lang: Lang, sep: "," | "\t"): Part[] {
  const { header, body } = rows(r, lang);
  const out: Part[] = [`${header.join(sep)}\n`];
  const quote = (cell: Part): Part[] => {
    const text = typeof cell === "string" ? cell : cell.value;
    return sep === "," && /[,"]/.test(text) ? ['"', cell, '"'] : [cell];
  };
  for (const row of body) row.forEach((cell, i) => out.push(...quote(cell), i < row.length - 1 ? sep : "\n"));
  return out;
}

export function logLines(r: Random, lang: Lang): Part[] {
  const p = person(r, lang);
  const s = secret(r);
  const n = negative(r);
  const m = negative(r);
  const stamp = negative(r);
  return [
    `2024-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(10, 28))}T12:0${r.int(0, 9)}:1${r.int(0, 9)}Z level=info msg="${r.pick(["profile updated", "payment failed", "login", "export done"])}" user_name="`, pii("PERSON", p.full), '" email=', pii("EMAIL", emailOf(r, p)), ` ${n.label}=`, keep(n.value), "\n",
    `ts=${r.int(1_700_000_000, 1_740_000_000)} level=warn phone=`, pii("PHONE", phone(r, lang).replace(/ /g, "")), ` client_ip=`, pii("IP", `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`), ` ${m.label}=`, keep(m.value), "\n",
    `level=debug ${s.key}=`, pii("SECRET", s.value), ` ${stamp.label}=`, keep(stamp.value), " status=200\n",
  ];
}

export function formDump(r: Random, lang: Lang): Part[] {
  const fields = personFields(r, lang, r.chance(0.5));
  const pad = r.chance(0.4);
  const out: Part[] = [`${r.pick(["Kontaktformular", "Formulário de cadastro", "Formulaire d'inscription", "Registration form", "Formularz", "Modulo di contatto", "Aanmeldformulier", "Formulario"])}\n`];
  for (const [label, , value] of fields) out.push(pad ? `${label.padEnd(22, ".")} ` : `${label}: `, value, "\n");
  return out;
}
