/** Phones, IBANs, cards, addresses and birth dates for the evaluation corpus, all valid by their own rules. */
import { isValidIBAN } from "ibantools";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import type { Random } from "../corpus/random.js";
import type { Lang } from "./lang.js";

export const REGION: Readonly<Record<Lang, CountryCode>> = { en: "GB", de: "DE", fr: "FR", es: "ES", it: "IT", nl: "NL", pl: "PL", pt: "BR" };
const REGIONS: readonly CountryCode[] = ["BR", "FR", "GB", "DE", "ES", "IT", "NL", "PL", "US"];

/** National significant numbers by region: [prefix choices, digits that follow]. */
const SHAPES: Readonly<Record<string, ReadonlyArray<readonly [readonly string[], number]>>> = {
  BR: [[["119", "219", "319", "419", "519", "619", "719", "819", "859", "919"], 8], [["112", "113", "213", "313", "413", "513", "613", "713", "813"], 7]],
  FR: [[["6", "7"], 8], [["1", "2", "3", "4", "5", "9"], 8]],
  GB: [[["7400", "7700", "7800", "7900", "7500"], 6], [["20", "161", "131", "117", "121"], 7]],
  DE: [[["151", "160", "170", "171", "176", "157"], 8], [["30", "89", "40", "221", "69"], 7]],
  ES: [[["6", "7"], 8], [["91", "93", "95", "96"], 7]],
  IT: [[["320", "328", "333", "347", "349", "366"], 7], [["02", "06"], 8]],
  NL: [[["6"], 8], [["20", "10", "30", "70"], 7]],
  PL: [[["50", "51", "60", "66", "69", "72", "79", "88"], 7], [["22", "12", "61", "71"], 7]],
  US: [[["212", "415", "312", "617", "202", "305", "646", "718"], 7]],
};

function validNumber(r: Random, region: CountryCode): NonNullable<ReturnType<typeof parsePhoneNumberFromString>> {
  const shapes = SHAPES[region] ?? [];
  for (let i = 0; i < 500; i++) {
    const [prefixes, count] = r.pick(shapes);
    let rest = r.digits(count);
    if (region === "US") rest = `${r.int(2, 9)}${rest.slice(1)}`;
    const parsed = parsePhoneNumberFromString(`${r.pick(prefixes)}${rest}`, region);
    if (parsed?.isValid() === true) return parsed;
  }
  throw new Error(`no valid number for ${region}`);
}

/** A phone of the region (or, one time in four, of another one) in national, international or E.164 form. */
export function phone(r: Random, lang: Lang): string {
  const region = r.chance(0.75) ? REGION[lang] : r.pick(REGIONS);
  const n = validNumber(r, region);
  const style = r.int(0, 9);
  if (style <= 2) return n.formatNational();
  if (style <= 5) return n.formatInternational();
  if (style <= 7) return n.number;
  const national = n.formatNational();
  // Hand-written variants people type: dots, slashes, no spaces, 00 instead of +.
  if (style === 8) return region === "DE" ? national.replace(" ", "/") : region === "FR" ? national.replace(/ /g, ".") : national.replace(/[\s()-]/g, "");
  return n.formatInternational().replace("+", "00");
}

function ibanBody(r: Random, country: string): string {
  switch (country) {
    case "DE": return r.digits(18);
    case "GB": return `${r.pick(["NWBK", "BARC", "LOYD", "MIDL"])}${r.digits(14)}`;
    case "NL": return `${r.pick(["ABNA", "INGB", "RABO", "TRIO"])}${r.digits(10)}`;
    case "PL": return r.digits(24);
    case "BR": return `${r.digits(23)}${r.pick(["C", "P"])}${r.int(1, 9)}`;
    case "FR": return `${r.digits(10)}${r.digits(11)}${r.digits(2)}`;
    case "ES": return r.digits(20);
    case "IT": return `${r.chars(1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}${r.digits(10)}${r.digits(12)}`;
    case "BE": return r.digits(12);
    default: return r.digits(18);
  }
}

function checkDigits(country: string, bban: string): string {
  const moved = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return String(98 - Number(BigInt(moved) % 97n)).padStart(2, "0");
}

const IBAN_COUNTRY: Readonly<Record<Lang, string>> = { en: "GB", de: "DE", fr: "FR", es: "ES", it: "IT", nl: "NL", pl: "PL", pt: "BR" };

/** An IBAN that passes ibantools (country format and national checks): bodies are drawn until one does. */
export function iban(r: Random, lang: Lang): string {
  const country = r.chance(0.8) ? IBAN_COUNTRY[lang] : r.pick(["DE", "FR", "NL", "BE", "ES", "IT", "PL", "GB"]);
  for (let i = 0; i < 5000; i++) {
    const bban = ibanBody(r, country);
    const value = `${country}${checkDigits(country, bban)}${bban}`;
    if (!isValidIBAN(value)) continue;
    return r.chance(0.6) ? value.replace(/(.{4})(?=.)/g, "$1 ") : value;
  }
  throw new Error(`no valid IBAN for ${country}`);
}

function luhnComplete(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  });
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function card(r: Random): string {
  const kind = r.int(0, 4);
  if (kind === 0) {
    const n = luhnComplete(`3${r.pick(["4", "7"])}${r.digits(12)}`);
    return r.chance(0.5) ? `${n.slice(0, 4)} ${n.slice(4, 10)} ${n.slice(10)}` : n;
  }
  const prefix = ["4", `5${r.int(1, 5)}`, "6011", `22${r.int(21, 99)}`][kind - 1] ?? "4";
  const n = luhnComplete(`${prefix}${r.digits(15 - prefix.length)}`);
  const sep = r.pick([" ", "-", "", " "]);
  return sep === "" ? n : n.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
}

const STREETS: Readonly<Record<Lang, (r: Random) => string>> = {
  en: (r) => `${r.int(1, 240)} ${r.pick(["Elm", "Station", "Mill", "Church", "Victoria", "Albert", "Highfield", "Queens"])} ${r.pick(["Road", "Street", "Lane", "Avenue", "Close", "Crescent"])}, ${r.pick(["Leeds LS1 4AP", "Bristol BS8 1TH", "Manchester M4 5JD", "Glasgow G2 3BZ", "London SE1 9SG"])}`,
  de: (r) => `${r.pick(["Lindenallee", "Gartenweg", "Schillerstraße", "Am Markt", "Goethestr.", "Friedhofstraße", "Kirchplatz", "Mühlenweg"])} ${r.int(1, 120)}${r.pick(["", "", "a", "b"])}, ${r.pick(["50667 Köln", "20095 Hamburg", "04109 Leipzig", "70173 Stuttgart", "01067 Dresden"])}`,
  fr: (r) => `${r.int(1, 150)}${r.pick(["", " bis"])} ${r.pick(["rue des Lilas", "avenue Jean Jaurès", "boulevard Voltaire", "impasse des Tilleuls", "allée des Pins", "chemin du Moulin"])}, ${r.pick(["69003 Lyon", "13001 Marseille", "31000 Toulouse", "44000 Nantes", "59800 Lille"])}`,
  es: (r) => `${r.pick(["Calle de Serrano", "Avenida de la Constitución", "Paseo de Gracia", "Calle Larios", "Plaza Mayor", "Carrer de Balmes"])} ${r.int(1, 200)}, ${r.pick(["", "3º B, ", "2º izq., "])}${r.pick(["28001 Madrid", "08008 Barcelona", "41004 Sevilla", "29015 Málaga", "46002 Valencia"])}`,
  it: (r) => `${r.pick(["Via Dante Alighieri", "Corso Vittorio Emanuele II", "Viale dei Mille", "Piazza Navona", "Via dei Giardini", "Largo Augusto"])} ${r.int(1, 180)}, ${r.pick(["40121 Bologna", "50123 Firenze", "80133 Napoli", "10123 Torino", "00186 Roma"])}`,
  nl: (r) => `${r.pick(["Prinsengracht", "Dorpsstraat", "Molenweg", "Julianalaan", "Stationsplein", "Hoofdweg"])} ${r.int(1, 400)}${r.pick(["", "-2", " A"])}, ${r.pick(["3511 LN Utrecht", "2511 CV Den Haag", "5611 EM Eindhoven", "9711 LM Groningen", "1016 DK Amsterdam"])}`,
  pl: (r) => `${r.pick(["ul. Długa", "ul. Piotrkowska", "al. Jerozolimskie", "ul. Floriańska", "os. Tysiąclecia", "pl. Grunwaldzki"])} ${r.int(1, 150)}${r.pick(["", "/4", "/12", " m. 7"])}, ${r.pick(["00-950 Warszawa", "31-019 Kraków", "90-001 Łódź", "80-831 Gdańsk", "50-001 Wrocław"])}`,
  pt: (r) => `${r.pick(["Rua das Flores", "Av. Brasil", "Rua Oscar Freire", "Avenida Sete de Setembro", "Rua XV de Novembro", "Travessa do Comércio"])}, ${r.int(10, 2500)}${r.pick(["", " - apto 42", ", casa 2", " - Bloco B"])} - ${r.pick(["Centro, Curitiba - PR, 80020-310", "Jardins, São Paulo - SP, 01414-001", "Savassi, Belo Horizonte - MG, 30140-071", "Boa Viagem, Recife - PE, 51020-000", "Copacabana, Rio de Janeiro - RJ, 22070-011"])}`,
};

export function address(r: Random, lang: Lang): string {
  return STREETS[lang](r);
}

const MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  de: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
  it: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  pl: ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
  pt: ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
};

/** A birth date as people of that language write it (numeric or with the month's name). */
export function birthDate(r: Random, lang: Lang, iso = false): string {
  const y = r.int(1940, 2004);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const p2 = (n: number): string => String(n).padStart(2, "0");
  if (iso) return `${y}-${p2(m)}-${p2(d)}`;
  const month = MONTHS[lang][m - 1] ?? "";
  const style = r.int(0, 3);
  if (style === 0) return `${y}-${p2(m)}-${p2(d)}`;
  if (style === 1) return lang === "en" ? `${p2(d)}/${p2(m)}/${y}` : lang === "de" || lang === "pl" ? `${p2(d)}.${p2(m)}.${y}` : lang === "nl" ? `${p2(d)}-${p2(m)}-${y}` : `${p2(d)}/${p2(m)}/${y}`;
  if (style === 2) return lang === "de" ? `${d}. ${month} ${y}` : lang === "es" || lang === "pt" ? `${d} de ${month} de ${y}` : lang === "en" && r.chance(0.5) ? `${month} ${d}, ${y}` : `${d} ${month} ${y}`;
  return `${p2(d)}.${p2(m)}.${y}`;
}
