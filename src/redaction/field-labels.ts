import type { PiiType } from "./finding.js";
import { keywordPattern } from "./keyword-pattern.js";

/**
 * Words that, as a JSON key, a key=value key, a form label or a column header, say what the
 * value holds. Matched at a word start ("user_name", "Passenger 1", "Data urodzenia").
 */
const LABELS: Readonly<Partial<Record<PiiType, readonly string[]>>> = {
  PERSON: [
    "name", "fullname", "full name", "first ?name", "last ?name", "firstname", "lastname", "given ?name", "surname", "family name",
    "vorname", "nachname", "nome", "sobrenome", "nom", "prénom", "prenom", "nom de famille", "nombre", "apellidos?", "cognome",
    "naam", "voornaam", "achternaam", "imię", "imie", "nazwisko", "holder", "account holder", "contact", "contact person",
    "passenger", "passager", "pasajero", "passageiro", "passeggero", "reiziger", "pasażer", "reisender", "fahrgast",
    "reporter", "requester", "requested by", "solicitante", "melder", "zgłaszający", "assignee", "assigned to", "bearbeiter",
    "responsável", "responsable", "assegnatario", "toegewezen aan", "owner", "author", "spouse", "ehegatte", "ehepartner",
    "conjoint", "cônjuge", "conjuge", "cónyuge", "conyuge", "coniuge", "partner", "małżonek", "małżonka", "customer",
    "cliente", "client", "kunde", "klant", "klient", "patient", "employee", "mitarbeiter", "titular", "intestatario",
    "contribuinte", "contribuable", "contribuyente", "contribuente", "podatnik", "steuerpflichtige", "belastingplichtige",
    "user_name", "username", "signed by", "beneficiary", "begünstigter", "beneficiário", "beneficiario",
  ],
  PHONE: [
    "phone", "telephone", "tel", "telefon", "telefone", "téléphone", "telefono", "teléfono", "telefoon", "mobile", "mobil",
    "mobiel", "móvil", "movil", "cellulare", "celular", "cell", "handy", "portable", "fax", "whatsapp", "msisdn", "rufnummer",
    "contact number", "numer telefonu", "komórka",
  ],
  DOB: [
    "dob", "birth ?date", "date of birth", "birthday", "born", "geburtsdatum", "geboren", "geb\\.", "date de naissance",
    "née? le", "naissance", "fecha de nacimiento", "nacimiento", "data di nascita", "nascita", "data de nascimento",
    "nascimento", "geboortedatum", "geboren op", "data urodzenia", "urodzenia", "ur\\.", "birth_date", "birthdate",
  ],
  ID: [
    "cpf", "cnpj", "rg", "nif", "nie", "dni", "nss", "bsn", "pesel", "nip", "regon", "steuer-?id", "steuer_id",
    "steueridentifikationsnummer", "steuernummer", "identifikationsnummer", "sécurité sociale", "securite sociale", "nir",
    "numéro fiscal", "numero fiscal", "codice fiscale", "codice_fiscale", "rijksregisternummer", "numéro national",
    "numero_national", "numero national", "personal identity code", "hetu", "personnummer", "pps", "ni number",
    "ni_number", "nino", "national insurance", "national id", "national_id", "id card", "id number", "passport",
    "passaporte", "passeport", "reisepass", "paszport", "pasaporte", "passaporto", "paspoort", "ausweis",
    "personalausweis", "carte d'identité", "documento", "dowód", "social security", "ssn", "tax id", "tax_id", "taxpayer id",
    "sofinummer", "burgerservicenummer",
  ],
  ADDRESS: [
    "address", "adresse", "anschrift", "endereço", "endereco", "dirección", "direccion", "domicilio", "indirizzo", "adres",
    "street", "straße", "morada", "residenza", "woonadres", "home address", "billing address", "shipping address",
  ],
  CARD: ["card", "card_number", "card number", "karte", "kreditkarte", "carte", "cartão", "cartao", "tarjeta", "carta", "kaart", "karta", "pan"],
  IBAN: ["iban"],
};

// A label of a company or of something else than a person turns the field off: the employer's tax
// number, a product's name, a file's name.
const NOT_PERSONAL = /(?:pracodawc|employer|arbeitgeber|empregador|empleador|datore|werkgever|employeur|company|firma|empresa|société|societe|azienda|bedrijf|product|produkt|produit|producto|prodotto|file|host|event|app|bank|server|service|model|device|team|project|queue|field|display)/i;

const TYPES = Object.keys(LABELS) as PiiType[];
const BY_TYPE: ReadonlyArray<readonly [PiiType, RegExp]> = TYPES.map((type) => [type, new RegExp(`^${keywordPattern(LABELS[type] ?? [])}(?![\\p{L}])`, "iu")]);
const LABEL_START = /(?:^|[^\p{L}])(?=\p{L})/gu;

/** The type a label announces, or undefined. "Passenger 1" → PERSON, "NIP pracodawcy" → undefined. */
// Labels repeat (every log line has the same keys): remember the answers, up to a bound.
const remembered = new Map<string, PiiType | null>();

export function labelType(raw: string): PiiType | undefined {
  if (raw.length > 48) return undefined;
  const known = remembered.get(raw);
  if (known !== undefined) return known ?? undefined;
  const type = classify(raw);
  if (remembered.size >= 4096) remembered.clear();
  remembered.set(raw, type ?? null);
  return type;
}

function classify(raw: string): PiiType | undefined {
  const label = raw.replace(/_/g, " ");
  if (NOT_PERSONAL.test(label)) return undefined;
  LABEL_START.lastIndex = 0;
  // Try each word start: "customer_name" has its type at "name", "Data urodzenia" at "Data urodzenia".
  for (let m = LABEL_START.exec(label); m !== null; m = LABEL_START.exec(label)) {
    const at = label.slice(m.index + (m[0].length > 0 ? 1 : 0)).replace(/^_/, "");
    for (const [type, pattern] of BY_TYPE) if (pattern.test(at)) return type;
    if (m[0].length === 0) LABEL_START.lastIndex++;
  }
  return undefined;
}

// Labels of values that look like personal data and are not: "firmware=12.4.7.224", an "order"
// column of long numbers, an employer's tax number.
const KEEP = /^(?:[\w ]*[ _-])?(?:version|versão|versao|versión|versione|wersja|versie|firmware|fw|build|release|sku|ean|asin|upc|isbn|gtin|order|order_?no|order_?id|bestellung|bestellnummer|pedido|commande|ordine|zamówienie|bestelling|invoice|rechnung|facture|factura|fattura|faktura|factuur|commit|sha\d*|hash|checksum|digest|ref|reference|request_?id|req_?id|trace_?id|span_?id|ts|timestamp|epoch|created_?at|updated_?at|total|price|preis|prix|precio|prezzo|preço|cena|prijs|amount|betrag|montant|importe|valor|product|produkt|pnr|flight|status|port|id|uuid|tracking)$/i;

export function isKeepLabel(label: string): boolean {
  return label.length <= 48 && (KEEP.test(label.trim()) || NOT_PERSONAL.test(label));
}
