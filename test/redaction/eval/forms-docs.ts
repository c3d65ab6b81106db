/** Document-like forms of the evaluation corpus: tax forms and travel bookings. */
import type { Random } from "../corpus/random.js";
import { keep, type Part, pii } from "../corpus/record.js";
import { UPPER } from "../corpus/random.js";
import { address, birthDate, iban, phone } from "./contact.js";
import { nationalId } from "./ids.js";
import { type Lang, WORDS } from "./lang.js";
import { emailOf, person } from "./people.js";
import { negative } from "./tokens.js";

const TAX_TITLE: Readonly<Record<Lang, string>> = {
  en: "Form W-9 — Request for Taxpayer Identification Number",
  de: "Einkommensteuererklärung 2023 — Anlage Person",
  fr: "Déclaration des revenus 2023 (formulaire 2042)",
  es: "Modelo 100 — Declaración de la Renta 2023",
  it: "Modello 730/2024 — Dati del contribuente",
  nl: "Aangifte inkomstenbelasting 2023",
  pl: "PIT-37 za rok 2023 — dane podatnika",
  pt: "Declaração IRPF 2024 — Dados do contribuinte",
};

function ssn(r: Random): string {
  return `${r.int(100, 665)}-${String(r.int(1, 99)).padStart(2, "0")}-${String(r.int(1, 9999)).padStart(4, "0")}`;
}

export function taxForm(r: Random, lang: Lang): Part[] {
  const w = WORDS[lang];
  const p = person(r, lang);
  const id = nationalId(r, lang);
  const amount = negative(r);
  const out: Part[] = [`${TAX_TITLE[lang]}\n`, `${w.name}: `, pii("PERSON", r.chance(0.3) ? `${p.last.toUpperCase()}, ${p.first}` : p.full), "\n"];
  if (lang === "en" && r.chance(0.5)) out.push("SSN: ", pii("SSN", ssn(r)), "\n");
  else out.push(`${id.label}: `, pii("ID", id.value), "\n");
  if (lang === "pl") out.push("NIP pracodawcy: ", keep(`${r.int(100, 999)}-${r.int(100, 999)}-${r.int(10, 99)}-${r.int(10, 99)}`), "\n");
  out.push(`${w.dob}: `, pii("DOB", birthDate(r, lang)), "\n", `${w.address}: `, pii("ADDRESS", address(r, lang)), "\n");
  if (r.chance(0.6)) out.push(`${w.iban}: `, pii("IBAN", iban(r, lang)), "\n");
  if (r.chance(0.5)) {
    const spouse = person(r, lang);
    out.push(`${r.pick(["Spouse", "Ehegatte", "Conjoint", "Cônjuge", "Cónyuge", "Coniuge", "Partner", "Małżonek"])}: `, pii("PERSON", spouse.full), "\n");
  }
  out.push(`${r.pick(["Line 7", "Zeile 12", "Case 1AJ", "Casilla 0435", "Rigo C1", "Vak 1a", "Poz. 26", "Ficha 03"])}: `, keep(amount.value), "\n");
  return out;
}

export function travelBooking(r: Random, lang: Lang): Part[] {
  const w = WORDS[lang];
  const p = person(r, lang);
  const companion = person(r, lang);
  const airline = r.pick(["LH", "AF", "IB", "AZ", "KL", "LO", "LA", "G3", "BA", "TP"]);
  const pnr = r.chars(6, `${UPPER}23456789`);
  const flight = `${airline} ${r.int(100, 9999)}`;
  const passport = `${r.chars(2, UPPER)}${r.digits(7)}`;
  const uppercase = r.chance(0.25);
  const shown = uppercase ? `${p.last.toUpperCase()}/${p.first.toUpperCase()} ${r.pick(["MR", "MRS", "MS"])}` : p.full;
  const n = negative(r);
  return [
    `${r.pick(["Booking confirmation", "Buchungsbestätigung", "Confirmation de réservation", "Confirmação de reserva", "Potwierdzenie rezerwacji", "Conferma di prenotazione"])} — PNR `, keep(pnr), "\n",
    `${w.passenger} 1: `, pii("PERSON", shown), "\n",
    `${w.passenger} 2: `, pii("PERSON", companion.full), "\n",
    `${r.pick(["Passport", "Reisepass", "Passeport", "Passaporte", "Paszport", "Pasaporte"])}: `, pii("ID", passport), ` · ${w.dob}: `, pii("DOB", birthDate(r, lang)), "\n",
    "Flight ", keep(flight), ` · ${r.int(1, 28)}/${r.int(1, 12)} ${String(r.int(5, 22)).padStart(2, "0")}:${r.pick(["05", "30", "45"])} · seat ${r.int(1, 40)}${r.pick(["A", "C", "D", "F"])}\n`,
    `${w.phone}: `, pii("PHONE", phone(r, lang)), " · ", pii("EMAIL", emailOf(r, p)), "\n",
    `${w.price}: `, keep(negative(r).value), ` (${n.label} `, keep(n.value), ")\n",
  ];
}
