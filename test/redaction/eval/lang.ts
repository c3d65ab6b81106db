/** Words the evaluation templates use, per language. Written for this corpus, not taken from the recognisers. */
export type Lang = "en" | "de" | "fr" | "es" | "it" | "nl" | "pl" | "pt";

export const LANGS: readonly Lang[] = ["en", "de", "fr", "es", "it", "nl", "pl", "pt"];

export interface Words {
  readonly hello: readonly string[];
  readonly bye: readonly string[];
  /** Sentences with `{P}` where a person's name goes, no cue word before it. */
  readonly talk: readonly string[];
  readonly issue: readonly string[];
  readonly name: string;
  readonly first: string;
  readonly last: string;
  readonly phone: string;
  readonly email: string;
  readonly address: string;
  readonly dob: string;
  readonly born: string;
  readonly iban: string;
  readonly card: string;
  readonly order: string;
  readonly version: string;
  readonly price: string;
  readonly passenger: string;
  readonly thanks: string;
}

export const WORDS: Readonly<Record<Lang, Words>> = {
  en: {
    hello: ["Hi", "Hello", "Hey", "Good morning"],
    bye: ["Cheers", "Best", "Thanks", "Kind regards", "Many thanks", "—"],
    talk: ["I spoke with {P} yesterday and they said it was fixed.", "Please forward this to {P} before Friday.", "{P} told me the refund was approved.", "Can you ask {P} to call back?", "I emailed {P} twice with no answer.", "Loop in {P} from finance, please."],
    issue: ["the invoice shows the wrong amount", "I cannot reset my password", "the parcel never arrived", "the app crashes after the update", "I was charged twice"],
    name: "Name", first: "First name", last: "Last name", phone: "Phone", email: "Email", address: "Address", dob: "Date of birth", born: "born on", iban: "IBAN", card: "Card", order: "Order", version: "Version", price: "Price", passenger: "Passenger", thanks: "Thank you",
  },
  de: {
    hello: ["Hallo", "Guten Tag", "Moin", "Hi"],
    bye: ["Viele Grüße", "Beste Grüße", "LG", "Danke und Gruß", "Gruß"],
    talk: ["Ich habe gestern mit {P} telefoniert.", "Bitte leite das an {P} weiter.", "{P} meinte, die Gutschrift sei unterwegs.", "Kannst du {P} fragen, ob das passt?", "Laut {P} ist der Fehler behoben.", "Ich hatte {P} schon zweimal angeschrieben."],
    issue: ["die Rechnung ist doppelt abgebucht worden", "ich komme nicht mehr in mein Konto", "das Paket ist nie angekommen", "die App stürzt seit dem Update ab"],
    name: "Name", first: "Vorname", last: "Nachname", phone: "Telefon", email: "E-Mail", address: "Anschrift", dob: "Geburtsdatum", born: "geb.", iban: "IBAN", card: "Kreditkarte", order: "Bestellung", version: "Version", price: "Preis", passenger: "Reisender", thanks: "Danke",
  },
  fr: {
    hello: ["Bonjour", "Salut", "Bonsoir"],
    bye: ["Bien à vous", "Merci d'avance", "Bonne journée", "À bientôt", "Amicalement"],
    talk: ["J'ai parlé avec {P} hier au téléphone.", "Merci de transmettre à {P}.", "{P} m'a dit que le remboursement était validé.", "Pouvez-vous demander à {P} de me rappeler ?", "J'ai écrit deux fois à {P}."],
    issue: ["la facture est fausse", "je ne peux plus me connecter", "le colis n'est jamais arrivé", "l'application plante depuis la mise à jour"],
    name: "Nom", first: "Prénom", last: "Nom de famille", phone: "Téléphone", email: "Courriel", address: "Adresse", dob: "Date de naissance", born: "née le", iban: "IBAN", card: "Carte", order: "Commande", version: "Version", price: "Prix", passenger: "Passager", thanks: "Merci",
  },
  es: {
    hello: ["Hola", "Buenos días", "Buenas tardes"],
    bye: ["Un saludo", "Gracias", "Muchas gracias", "Un abrazo"],
    talk: ["Ayer hablé con {P} por teléfono.", "Por favor reenvía esto a {P}.", "{P} me dijo que el reembolso estaba aprobado.", "¿Puedes preguntarle a {P} si le va bien?", "Le escribí a {P} dos veces."],
    issue: ["la factura está mal", "no puedo entrar en mi cuenta", "el paquete nunca llegó", "la app se cierra tras la actualización"],
    name: "Nombre", first: "Nombre", last: "Apellidos", phone: "Teléfono", email: "Correo", address: "Dirección", dob: "Fecha de nacimiento", born: "nacida el", iban: "IBAN", card: "Tarjeta", order: "Pedido", version: "Versión", price: "Precio", passenger: "Pasajero", thanks: "Gracias",
  },
  it: {
    hello: ["Ciao", "Buongiorno", "Salve"],
    bye: ["Grazie", "Un saluto", "A presto", "Buona giornata"],
    talk: ["Ieri ho parlato con {P} al telefono.", "Per favore inoltra a {P}.", "{P} mi ha detto che il rimborso è approvato.", "Puoi chiedere a {P} di richiamarmi?", "Ho scritto due volte a {P}."],
    issue: ["la fattura è sbagliata", "non riesco ad accedere", "il pacco non è mai arrivato", "l'app si chiude dopo l'aggiornamento"],
    name: "Nome", first: "Nome", last: "Cognome", phone: "Telefono", email: "Email", address: "Indirizzo", dob: "Data di nascita", born: "nata il", iban: "IBAN", card: "Carta", order: "Ordine", version: "Versione", price: "Prezzo", passenger: "Passeggero", thanks: "Grazie",
  },
  nl: {
    hello: ["Hoi", "Hallo", "Goedemorgen", "Dag"],
    bye: ["Groetjes", "Groet", "Bedankt", "Fijne dag"],
    talk: ["Ik heb gisteren met {P} gebeld.", "Wil je dit doorsturen naar {P}?", "{P} zei dat de terugbetaling rond is.", "Kun je {P} vragen om terug te bellen?", "Ik heb {P} twee keer gemaild."],
    issue: ["de factuur klopt niet", "ik kan niet inloggen", "het pakket is nooit aangekomen", "de app crasht na de update"],
    name: "Naam", first: "Voornaam", last: "Achternaam", phone: "Telefoon", email: "E-mail", address: "Adres", dob: "Geboortedatum", born: "geboren op", iban: "IBAN", card: "Kaart", order: "Bestelling", version: "Versie", price: "Prijs", passenger: "Reiziger", thanks: "Dank je",
  },
  pl: {
    hello: ["Cześć", "Dzień dobry", "Witam"],
    bye: ["Pozdrawiam", "Dzięki", "Z poważaniem", "Miłego dnia"],
    talk: ["Wczoraj rozmawiałem przez telefon: {P} potwierdził zwrot.", "Proszę przekazać to dalej, odbiorca: {P}.", "{P} napisał, że zwrot jest zatwierdzony.", "Zadzwoni do Pana {P} z działu księgowości.", "Sprawę prowadzi {P}."],
    issue: ["faktura jest błędna", "nie mogę się zalogować", "paczka nie dotarła", "aplikacja się zawiesza po aktualizacji"],
    name: "Imię i nazwisko", first: "Imię", last: "Nazwisko", phone: "Telefon", email: "E-mail", address: "Adres", dob: "Data urodzenia", born: "ur.", iban: "IBAN", card: "Karta", order: "Zamówienie", version: "Wersja", price: "Cena", passenger: "Pasażer", thanks: "Dziękuję",
  },
  pt: {
    hello: ["Olá", "Oi", "Bom dia", "Boa tarde"],
    bye: ["Abraços", "Atenciosamente", "Obrigado", "Obrigada", "Att."],
    talk: ["Falei com {P} ontem por telefone.", "Por favor, encaminhe para {P}.", "{P} disse que o reembolso foi aprovado.", "Pode pedir para {P} me ligar?", "Mandei dois e-mails para {P}."],
    issue: ["o boleto veio com valor errado", "não consigo entrar na minha conta", "a encomenda nunca chegou", "o app fecha depois da atualização"],
    name: "Nome", first: "Nome", last: "Sobrenome", phone: "Telefone", email: "E-mail", address: "Endereço", dob: "Data de nascimento", born: "nascida em", iban: "IBAN", card: "Cartão", order: "Pedido", version: "Versão", price: "Preço", passenger: "Passageiro", thanks: "Obrigado",
  },
};
