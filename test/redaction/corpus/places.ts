import type { Language } from "./people.js";
import { type Random, UPPER } from "./random.js";

/** A street address as people write it in each country, postcode and city included. */
export function streetAddress(r: Random, lang: Language): string {
  switch (lang) {
    case "en":
      return r.pick([
        () => `${r.int(1, 9999)} ${r.pick(["Main", "Oak", "Maple", "Cedar Hill", "Pennsylvania", "Sunset", "Elm"])} ${r.pick(["Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Drive"])}, ${r.pick(["Springfield", "Austin", "Boston", "San Francisco"])}, ${r.pick(["IL", "TX", "MA", "CA"])} ${r.int(10000, 99999)}`,
        () => `${r.int(1, 250)}${r.pick(["", "B", "A"])} ${r.pick(["Baker", "Abbey", "Church", "Victoria", "High"])} ${r.pick(["Street", "Road", "Lane", "Close", "Crescent"])}, ${r.pick(["London", "Manchester", "Leeds"])} ${r.pick(["NW1 6XE", "SW1A 1AA", "M1 1AE", "LS1 4AP", "EC1A 1BB"])}`,
        () => `${r.int(1, 999)} ${r.pick(["Park", "Lake", "River"])} ${r.pick(["Avenue", "Road", "Way"])}, Apt ${r.int(1, 40)}${r.pick(["A", "B", ""])}, ${r.pick(["Denver", "Seattle"])}, ${r.pick(["CO", "WA"])} ${r.int(80000, 98999)}`,
      ])();
    case "de":
      return r.pick([
        () => `${r.pick(["Haupt", "Bahnhof", "Schiller", "Goethe", "Linden", "Garten"])}${r.pick(["straße", "strasse", "str.", "weg", "allee"])} ${r.int(1, 180)}${r.pick(["", "a", "b"])}, ${r.int(10115, 99998)} ${r.pick(["Berlin", "München", "Köln", "Frankfurt am Main", "Hamburg"])}`,
        () => `${r.pick(["Berliner", "Kölner", "Am Alten"])} ${r.pick(["Straße", "Weg", "Platz"])} ${r.int(1, 99)}, ${r.int(10115, 99998)} ${r.pick(["Leipzig", "Dresden", "Bonn"])}`,
      ])();
    case "fr":
      return `${r.int(1, 120)}${r.pick(["", " bis"])} ${r.pick(["rue", "avenue", "boulevard", "place"])} ${r.pick(["de la Paix", "Victor Hugo", "des Lilas", "du Général Leclerc", "Saint-Germain", "de l'Église"])}, ${r.int(10, 95)}${r.digits(3)} ${r.pick(["Paris", "Lyon", "Marseille", "Toulouse"])}`;
    case "es":
      return `${r.pick(["Calle", "Avenida", "Paseo", "Plaza"])} ${r.pick(["Mayor", "de Alcalá", "de la Castellana", "Gran Vía", "del Prado", "de Gracia"])}, ${r.int(1, 250)}, ${r.pick(["28013", "08007", "41001", "46002"])} ${r.pick(["Madrid", "Barcelona", "Sevilla", "Valencia"])}`;
    case "nl":
      return `${r.pick(["Kerk", "Prinsen", "Heren", "Dorps", "Molen"])}${r.pick(["straat", "gracht", "laan", "weg", "plein"])} ${r.int(1, 300)}, ${r.int(1000, 9999)} ${r.chars(2, UPPER.replace(/[FIOQUY]/g, ""))} ${r.pick(["Amsterdam", "Utrecht", "Rotterdam", "Den Haag"])}`;
    case "it":
      return `${r.pick(["Via", "Viale", "Piazza", "Corso"])} ${r.pick(["Roma", "Garibaldi", "della Repubblica", "Vittorio Emanuele", "dei Mille"])} ${r.int(1, 200)}, ${r.pick(["00184", "20121", "10121", "50123"])} ${r.pick(["Roma", "Milano", "Torino", "Firenze"])}`;
  }
}

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  de: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  it: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
};

const pad = (n: number): string => String(n).padStart(2, "0");

/** A birth date in a format common for the language (ISO, numeric or spelled-out month). */
export function birthDate(r: Random, lang: Language): string {
  const y = r.int(1940, 2005);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const month = MONTHS[lang][m - 1] ?? "May";
  const forms: Record<Language, ReadonlyArray<() => string>> = {
    en: [() => `${y}-${pad(m)}-${pad(d)}`, () => `${pad(m)}/${pad(d)}/${y}`, () => `${month} ${d}, ${y}`, () => `${d} ${month} ${y}`],
    de: [() => `${pad(d)}.${pad(m)}.${y}`, () => `${d}. ${month} ${y}`],
    fr: [() => `${pad(d)}/${pad(m)}/${y}`, () => `${d} ${month} ${y}`],
    es: [() => `${pad(d)}/${pad(m)}/${y}`, () => `${d} de ${month} de ${y}`],
    nl: [() => `${pad(d)}-${pad(m)}-${y}`, () => `${d} ${month} ${y}`],
    it: [() => `${pad(d)}/${pad(m)}/${y}`, () => `${d} ${month} ${y}`],
  };
  return r.pick(forms[lang])();
}
