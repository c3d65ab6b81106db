import { bsn, codiceFiscale, dni, nino, passportNumber, personalausweis } from "./identity.js";
import { negatives as n } from "./negatives.js";
import { cardNumber, ibanNumber, phoneNumber } from "./numbers.js";
import { emailFor, fullName, lastName } from "./people.js";
import { birthDate, streetAddress } from "./places.js";
import { keep, pii, type Template } from "./record.js";

/** German, French, Spanish, Dutch and Italian messages. */
export const EUROPE_TEMPLATES: readonly Template[] = [
  (r) => ["Hallo, ich heiße ", pii("PERSON", fullName(r, "de")), " und meine Telefonnummer ist ", pii("PHONE", phoneNumber(r, "de")), ". Meine Adresse: ", pii("ADDRESS", streetAddress(r, "de")), ". Die Bestellung ", keep(n.order(r)), " vom ", keep(n.euDate(r)), " fehlt noch."],
  (r) => ["Sehr geehrter Herr ", pii("PERSON", lastName(r, "de")), ",\n\nbitte überweisen Sie ", keep(n.price(r)), " auf das Konto ", pii("IBAN", ibanNumber(r, "DE")), ".\n\nMit freundlichen Grüßen\n", pii("PERSON", fullName(r, "de"))],
  (r) => ["Personalausweisnummer: ", pii("ID", personalausweis(r)), ", geboren am ", pii("DOB", birthDate(r, "de")), ", Vertrag ", keep(n.invoice(r)), " gültig ab ", keep(n.euDate(r)), "."],
  (r) => ["Frau ", pii("PERSON", lastName(r, "de")), " hat um ", keep(n.time(r)), " Uhr angerufen (", pii("PHONE", phoneNumber(r, "de")), "), bitte bis ", keep(n.euDate(r)), " zurückrufen. Ticket ", keep(n.ticket(r)), "."],
  (r) => {
    const name = fullName(r, "de");
    return ["Mein Name ist ", pii("PERSON", name), ", E-Mail ", pii("EMAIL", emailFor(r, name)), ". Seit dem Update auf ", keep(n.version(r)), " bekomme ich Fehler ", keep(n.status(r)), "."];
  },
  (r) => ["Bonjour, je m'appelle ", pii("PERSON", fullName(r, "fr")), ", mon numéro est le ", pii("PHONE", phoneNumber(r, "fr")), " et j'habite au ", pii("ADDRESS", streetAddress(r, "fr")), ". Facture ", keep(n.invoice(r)), " de ", keep(n.price(r)), "."],
  (r) => [r.pick(["Mme ", "M. "]), pii("PERSON", lastName(r, "fr")), ", née le ", pii("DOB", birthDate(r, "fr")), ", passeport n° ", pii("ID", passportNumber(r)), ". Rendez-vous le ", keep(n.euDate(r)), " à ", keep(n.time(r)), "."],
  (r) => ["Merci de virer ", keep(n.price(r)), " sur le compte ", pii("IBAN", ibanNumber(r, "FR")), " avant le ", keep(n.euDate(r)), ".\n\nCordialement,\n", pii("PERSON", fullName(r, "fr"))],
  (r) => {
    const name = fullName(r, "fr");
    return ["Nom : ", pii("PERSON", name), "\nCourriel : ", pii("EMAIL", emailFor(r, name)), "\nDate de naissance : ", pii("DOB", birthDate(r, "fr")), "\nCommande : ", keep(n.order(r))];
  },
  (r) => ["Hola, me llamo ", pii("PERSON", fullName(r, "es")), ". Mi DNI es ", pii("ID", dni(r)), " y mi teléfono es ", pii("PHONE", phoneNumber(r, "es")), ". Vivo en ", pii("ADDRESS", streetAddress(r, "es")), "."],
  (r) => ["Estimado Sr. ", pii("PERSON", lastName(r, "es")), ": su pedido ", keep(n.order(r)), " (total ", keep(n.price(r)), ") se envió el ", keep(n.isoDate(r)), ". Fecha de nacimiento registrada: ", pii("DOB", birthDate(r, "es")), "."],
  (r) => ["Pago rechazado con la tarjeta ", pii("CARD", cardNumber(r)), " el ", keep(n.euDate(r)), " a las ", keep(n.time(r)), ". Código de error ", keep(n.status(r)), ". Saludos,\n", pii("PERSON", fullName(r, "es"))],
  (r) => ["Hoi, mijn naam is ", pii("PERSON", fullName(r, "nl")), ". Mijn BSN is ", pii("ID", bsn(r)), " en ik woon op ", pii("ADDRESS", streetAddress(r, "nl")), ". Bel me op ", pii("PHONE", phoneNumber(r, "nl")), "."],
  (r) => ["Geachte heer ", pii("PERSON", lastName(r, "nl")), ", uw factuur ", keep(n.invoice(r)), " van ", keep(n.price(r)), " staat nog open. Geboortedatum: ", pii("DOB", birthDate(r, "nl")), ". IBAN: ", pii("IBAN", ibanNumber(r, "NL")), "."],
  (r) => ["Buongiorno, mi chiamo ", pii("PERSON", fullName(r, "it")), ", codice fiscale ", pii("ID", codiceFiscale(r)), ", cellulare ", pii("PHONE", phoneNumber(r, "it")), ". Indirizzo: ", pii("ADDRESS", streetAddress(r, "it")), "."],
  (r) => ["Gentile Sig.ra ", pii("PERSON", lastName(r, "it")), ", il pagamento di ", keep(n.price(r)), " con la carta ", pii("CARD", cardNumber(r)), " è stato rifiutato (codice ", keep(n.status(r)), ")."],
  (r) => ["Nato il ", pii("DOB", birthDate(r, "it")), " a Roma, passaporto n. ", pii("ID", passportNumber(r)), ", versione modulo ", keep(n.version(r)), ", pratica ", keep(n.invoice(r)), "."],
  (r) => ["Cordiali saluti,\n", pii("PERSON", fullName(r, "it")), "\n", pii("ADDRESS", streetAddress(r, "it")), "\nTel. ", pii("PHONE", phoneNumber(r, "it"))],
  (r) => ["Die Überweisung an ", pii("IBAN", ibanNumber(r, r.pick(["AT", "CH", "DE"]))), " über ", keep(n.price(r)), " ist am ", keep(n.euDate(r)), " um ", keep(n.time(r)), " eingegangen. Vorgang ", keep(n.order(r)), "."],
  (r) => ["UK applicant, NINO ", pii("ID", nino(r)), ", lives at ", pii("ADDRESS", streetAddress(r, "en")), "; EU colleague Mevr. ", pii("PERSON", lastName(r, "nl")), " is cc'd? No – contact person: ", pii("PERSON", fullName(r, "de")), "."],
  (r) => ["Met vriendelijke groet,\n", pii("PERSON", fullName(r, "nl")), "\n", pii("PHONE", phoneNumber(r, "nl")), "\nOrder ", keep(n.order(r)), " / ", keep(n.isoDate(r))],
  (r) => ["Le serveur ", keep(n.version(r)), " répond ", keep(n.status(r)), " depuis le ", keep(n.euDate(r)), " ; coût ", keep(n.price(r)), ", latence ", keep(n.duration(r)), "."],
];
