import { keywordPattern } from "../keyword-pattern.js";

// Phrases that introduce a person's name, in English, German, French, Spanish, Dutch and Italian.
// Within a first letter, longer phrases come first: the alternation stops at the first that fits.

/** Almost always followed by a name: one capitalised token is enough ("Dear Anna"). */
const STRONG = [
  "my name is", "my name's", "name\\s*:", "dear", "signed(?: by)?", "regards", "sincerely", "yours truly",
  "best wishes", "attn\\.?", "account holder", "account name", "card ?holder", "beneficiary", "contact person",
  "patient\\s*:", "employee\\s*:", "applicant\\s*:", "candidate\\s*:",
  "ich hei(?:ß|ss)e", "mein name ist", "sehr geehrte[r]?", "mit freundlichen gr(?:ü|ue)(?:ß|ss)en",
  "liebe gr(?:ü|ue)(?:ß|ss)e", "viele gr(?:ü|ue)(?:ß|ss)e", "beste gr(?:ü|ue)(?:ß|ss)e", "herzliche gr(?:ü|ue)(?:ß|ss)e",
  "liebe[r]?", "kontoinhaber(?:in)?", "ansprechpartner(?:in)?\\s*:?",
  "je m['’]appelle", "mon nom est", "nom\\s*:", "cordialement", "bien (?:à|a) vous", "titulaire(?: du compte)?", "ch[èe]re?",
  "me llamo", "mi nombre es", "nombre\\s*:", "atentamente", "saludos", "estimad[oa]", "titular(?: de la cuenta)?",
  "mijn naam is", "ik heet", "naam\\s*:", "met vriendelijke groet(?:en)?", "geachte", "rekeninghouder", "beste",
  "mi chiamo", "il mio nome (?:è|e)", "nome\\s*:", "cordiali saluti", "distinti saluti", "gentile", "intestatario",
  "caro", "cara",
];

/**
 * Often followed by a name, but also by teams and products ("I'm Not sure", "Hi Team"): two
 * capitalised tokens, or one addressed directly ("Hi Sarah,", "Thanks, Anna!").
 */
const WEAK = [
  "i am", "i['’]m", "this is", "hi", "hello", "hey", "thanks", "thank you", "cheers", "from\\s*:",
  "hallo", "moin", "danke", "bonjour", "salut", "merci", "je suis", "hola", "gracias", "soy",
  "hoi", "dank je", "ik ben", "buongiorno", "ciao", "grazie", "sono",
];

/** "contact" introduces companies as often as people: two capitalised tokens. */
const CONTACT = ["contact"];

const FOLLOWED_BY_NAME = "(?=[\\s,:;-])";

/** One pass finds every cue; the sticky patterns below tell which kind matched. */
export const NAME_CUE = new RegExp(`\\b${keywordPattern([...STRONG, ...CONTACT, ...WEAK])}${FOLLOWED_BY_NAME}`, "gi");
export const STRONG_AT = new RegExp(`${keywordPattern(STRONG)}${FOLLOWED_BY_NAME}`, "iy");
export const CONTACT_AT = new RegExp(`${keywordPattern(CONTACT)}${FOLLOWED_BY_NAME}`, "iy");

/** Titles are case-sensitive: "Dr Smith" yes, "dr" in prose no. "M." needs its dot. */
export const TITLE = new RegExp(
  `\\b(?:${keywordPattern(
    [
      "Mrs", "Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Herr", "Frau", "Hr", "Fr", "Mme", "Mlle", "Sra", "Srta", "Sr",
      "Dña", "Dhr", "Mevr", "Mw", "Sig\\.ra", "Sig", "Dott\\.ssa", "Dott", "Monsieur", "Madame", "Señora", "Señor",
      "Signora", "Signor", "Mevrouw", "Meneer",
    ],
    false,
  )}\\.?|heer|mevrouw|meneer|M\\.)[ \\t]+`,
  "g",
);
