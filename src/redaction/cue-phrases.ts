/**
 * Words that announce a kind of personal data, in English, German, French, Spanish, Dutch and
 * Italian. All lists are scanned in one pass (see cue-scan.ts). Each phrase is a regex fragment
 * starting with a literal letter; within a first letter, longer phrases come first.
 */
export type CueKind = "name" | "name-contact" | "name-weak" | "dob" | "id" | "postcode" | "street" | "aws";

const BEFORE_NAME = "(?=[\\s,:;-])";
const WHOLE_WORD = "(?![A-Za-z])";

/** Almost always followed by a name: one capitalised token is enough ("Dear Anna"). */
const NAME = [
  "my name is", "my name's", "name\\s*:", "dear", "signed(?: by)?", "regards", "sincerely", "yours truly",
  "best wishes", "attn\\.?", "account holder", "account name", "card ?holder", "beneficiary", "contact person",
  "patient\\s*:", "employee\\s*:", "applicant\\s*:", "candidate\\s*:", "customer\\s*:", "client\\s*:",
  // "Best,⏎Rachel Green": only as a sign-off, not "Best Buy".
  "best,(?=[ \\t]*\\r?\\n)",
  "kunde\\s*:", "kundin\\s*:", "cliente\\s*:", "klant\\s*:",
  "ich hei(?:ß|ss)e", "mein name ist", "sehr geehrte[r]?", "mit freundlichen gr(?:ü|ue)(?:ß|ss)en",
  "liebe gr(?:ü|ue)(?:ß|ss)e", "viele gr(?:ü|ue)(?:ß|ss)e", "beste gr(?:ü|ue)(?:ß|ss)e", "herzliche gr(?:ü|ue)(?:ß|ss)e",
  "liebe[r]?", "kontoinhaber(?:in)?", "ansprechpartner(?:in)?\\s*:?",
  "je m['’]appelle", "mon nom est", "nom\\s*:", "cordialement", "bien (?:à|a) vous", "titulaire(?: du compte)?", "ch[èe]re?",
  "me llamo", "mi nombre es", "nombre\\s*:", "atentamente", "saludos", "estimad[oa]", "titular(?: de la cuenta)?",
  "mijn naam is", "ik heet", "naam\\s*:", "met vriendelijke groet(?:en)?", "geachte", "rekeninghouder", "beste",
  "mi chiamo", "il mio nome (?:è|e)", "nome\\s*:", "cordiali saluti", "distinti saluti", "gentile", "intestatario",
  "caro", "cara",
];

/** "contact" introduces companies as often as people: two capitalised tokens. */
const NAME_CONTACT = ["contact"];

/**
 * Often followed by a name, but also by teams and products ("I'm Not sure", "Hi Team"): two
 * capitalised tokens, or one addressed directly ("Hi Sarah,", "Thanks, Anna!").
 */
const NAME_WEAK = [
  "i am", "i['’]m", "this is", "hi", "hello", "hey", "thanks", "thank you", "cheers", "from\\s*:",
  "hallo", "moin", "danke", "bonjour", "salut", "merci", "je suis", "hola", "gracias", "soy",
  "hoi", "dank je", "ik ben", "buongiorno", "ciao", "grazie", "sono",
];

/** "birthday" only as a form label: "birthday lunch on 2024-05-01" is not a birth date. */
const DOB = [
  "born(?: on)?", "d\\.?o\\.?b\\.?", "date of birth", "birth ?date", "birthday(?=\\s*:)",
  "geboren(?: am| op)?", "geb\\.", "geburtsdatum", "geburtstag", "geboortedatum",
  "n[ée]e? le", "date de naissance", "fecha de nacimiento", "nacid[oa] el", "data di nascita", "nat[oa] il",
];

/** Acronyms ("DNI", "BSN") are checked for capitals by the recogniser. */
const ID = [
  "passport", "passeport", "pasaporte", "paspoort", "passaporto", "reisepass",
  "national id(?:entity)?(?: card)?", "national insurance", "identity card", "identity number", "id card", "id-card",
  "id number", "personal id", "citizen id", "ni number", "personalausweis", "ausweis", "identit(?:y|ät)skarte",
  "carte d['’]identit[ée]", "carte nationale d['’]identit[ée]", "documento de identidad", "documento nacional de identidad",
  "carta d['’]identit[àa]", "burgerservicenummer", "identiteitskaart", "steuer-?id", "steueridentifikationsnummer",
  "tax id", "driver['’]?s licen[cs]e", "driving licen[cs]e", "f[üu]hrerschein", "permis de conduire",
  "licencia de conducir", "patente di guida", "rijbewijs",
  "nino", "dni", "nie", "nif", "cni", "bsn", "tin", "svnr", "ahv", "pesel", "nir", "cpr",
];

const POSTCODE = [
  "zip(?: ?code)?", "postcode", "post code", "postal code", "postleitzahl", "postnummer", "plz",
  "code postal", "c[óo]digo postal", "cp", "c\\.p\\.", "cap",
];


/** French street words after a house number; a cheap gate for the address patterns. */
const STREET = ["rue", "avenue", "av\\.", "boulevard", "bd", "place", "chemin", "impasse", "allée", "quai", "route", "cours"];

/** Words near an AWS secret access key, which has no prefix of its own. */
const AWS = ["aws", "secret", "akia", "asia"];

const withSuffix = (phrases: readonly string[], suffix: string): readonly string[] => phrases.map((p) => p + suffix);

export const CUE_PHRASES: Readonly<Record<CueKind, readonly string[]>> = {
  name: withSuffix(NAME, BEFORE_NAME),
  "name-contact": withSuffix(NAME_CONTACT, BEFORE_NAME),
  "name-weak": withSuffix(NAME_WEAK, BEFORE_NAME),
  dob: DOB,
  id: ID,
  postcode: withSuffix(POSTCODE, WHOLE_WORD),
  street: withSuffix(STREET, WHOLE_WORD),
  aws: AWS,
};
