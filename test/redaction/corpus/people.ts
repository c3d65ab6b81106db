import type { Random } from "./random.js";

export type Language = "en" | "de" | "fr" | "es" | "nl" | "it";

const FIRST: Readonly<Record<Language, readonly string[]>> = {
  en: ["James", "Olivia", "Michael", "Emily", "David", "Sarah", "Robert", "Jessica", "Daniel", "Laura", "Priya", "Kwame", "Aisha", "Connor", "Mei"],
  de: ["Anna", "Lukas", "Sophie", "Jonas", "Lena", "Felix", "Katrin", "Jürgen", "Małgorzata", "Özlem", "Tobias", "Ute"],
  fr: ["Camille", "Louis", "Chloé", "Hugo", "Léa", "Mathieu", "Élodie", "Jean-Luc", "Amélie", "Théo", "Inès"],
  es: ["María", "José", "Lucía", "Javier", "Carmen", "Alejandro", "Sofía", "Diego", "Ana", "Pablo", "Nuria"],
  nl: ["Daan", "Emma", "Sem", "Julia", "Bram", "Sanne", "Pieter", "Fleur", "Joost", "Anouk"],
  it: ["Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Luca", "Martina", "Giovanni", "Sara", "Matteo"],
};

const LAST: Readonly<Record<Language, readonly string[]>> = {
  en: ["Smith", "Johnson", "O'Brien", "Williams", "Brown", "McAllister", "Taylor", "Patel", "Nguyen", "Okafor", "Harris", "Wright"],
  de: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer", "Groß"],
  fr: ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Rousseau", "Fontaine", "Chevalier"],
  es: ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"],
  nl: ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "van den Berg"],
  it: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"],
};

export function firstName(r: Random, lang: Language): string {
  return r.pick(FIRST[lang]);
}

/** Dutch "de Vries" stays lower case after a first name, as people write it. */
export function fullName(r: Random, lang: Language): string {
  return `${firstName(r, lang)} ${r.pick(LAST[lang])}`;
}

export function lastName(r: Random, lang: Language): string {
  const last = r.pick(LAST[lang]);
  return last.charAt(0).toUpperCase() + last.slice(1);
}

const DOMAINS = ["example.com", "mail.de", "firma.de", "entreprise.fr", "correo.es", "bedrijf.nl", "azienda.it", "acme-corp.io", "gmail.com", "outlook.com", "uni-heidelberg.de", "company.co.uk"];

function ascii(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/ß/g, "ss")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

export function emailFor(r: Random, name: string): string {
  const [first = "user", ...rest] = name.split(" ");
  const last = ascii(rest.join(""));
  const f = ascii(first);
  const local = r.pick([`${f}.${last}`, `${f[0] ?? "x"}${last}`, `${f}_${last}${r.int(1, 99)}`, `${f}+support`, `${last}.${f}`]);
  return `${local}@${r.pick(DOMAINS)}`;
}
