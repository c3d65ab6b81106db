import { secrets } from "./identity.js";
import { negatives as n } from "./negatives.js";
import { cardNumber, ibanNumber, ipv6, phoneNumber, ssnNumber } from "./numbers.js";
import { emailFor, firstName, fullName } from "./people.js";
import { birthDate, streetAddress } from "./places.js";
import { keep, pii, type Template } from "./record.js";

/** Harder cases: greetings, look-alike numbers next to real ones, odd formats, prose secrets. */
export const TRICKY_TEMPLATES: readonly Template[] = [
  (r) => ["Dear Customer,\n\nplease contact ", keep("Microsoft Support"), " or our ", keep("Help Desk"), " about build ", keep(n.version(r)), ". I'm not sure the ", keep(n.isbn(r)), " edition is still sold."],
  (r) => ["Hi ", pii("PERSON", firstName(r, "en")), ",\n\nthanks for the quick reply! The fix in ", keep(n.semver(r)), " works. Cheers,\n", pii("PERSON", fullName(r, "en"))],
  (r) => ["Hallo ", pii("PERSON", firstName(r, "de")), ", danke für die schnelle Antwort. Der Artikel ", keep(n.ean(r)), " kostet ", keep(n.price(r)), ".\nLiebe Grüße\n", pii("PERSON", fullName(r, "de"))],
  (r) => ["Tel.: ", pii("PHONE", phoneNumber(r, "de")), " | Fax: ", pii("PHONE", phoneNumber(r, "de")), " | Öffnungszeiten ", keep(n.time(r)), "–", keep(n.time(r)), " Uhr"],
  (r) => ["phone: ", pii("PHONE", `${r.pick(["415", "212", "617"])}${r.int(200, 989)}${r.digits(4)}`), " (mobile, no dashes). Callback window ", keep(n.time(r)), ", ticket ", keep(n.ticket(r)), "."],
  (r) => ["Click tel:", pii("PHONE", `+4930${r.int(2000000, 9999999)}`), " or write to ", pii("EMAIL", emailFor(r, fullName(r, "de")).toUpperCase()), ". Coordinates of the office: ", keep(n.coordinates(r)), "."],
  (r) => ["Our service has ", keep(n.bigNumber(r)), " users and ", keep(n.bigNumber(r)), " requests a day; the SKU is ", keep(n.ean(r)), " and the theme colour ", keep(n.hexColor(r)), "."],
  (r) => ["{\"card_number\": \"", pii("CARD", cardNumber(r)), "\", \"exp\": \"", keep(`${r.int(1, 12)}/${r.int(26, 31)}`), "\", \"amount\": ", keep(String(r.int(100, 99999))), ", \"order\": \"", keep(n.order(r)), "\"}"],
  (r) => ["Bank details – IBAN: ", pii("IBAN", ibanNumber(r)), ", amount ", keep(n.price(r)), ", due ", keep(n.usDate(r)), ", invoice ", keep(n.invoice(r)), "."],
  (r) => ["Device ", keep(n.mac(r)), " got address ", pii("IP", ipv6(r)), " at ", keep(n.time(r)), "; firmware ", keep(n.version(r)), "."],
  (r) => ["curl -6 'http://[", pii("IP", "2001:db8::" + String(r.int(1, 9999))), "]:", keep(n.port(r)), "/status' -> ", keep(n.status(r)), " in ", keep(n.duration(r))],
  (r) => ["Birthday: ", pii("DOB", birthDate(r, "en")), "\nTeam lunch on ", keep(n.isoDate(r)), " at ", keep(n.time(r)), ".\nsocial security number ", pii("SSN", ssnNumber(r).replaceAll("-", "")), "."],
  (r) => ["Fecha de nacimiento: ", pii("DOB", birthDate(r, "es")), ". Número de pedido ", keep(n.order(r)), ", importe ", keep(n.price(r)), ". Atentamente, ", pii("PERSON", fullName(r, "es"))],
  (r) => ["For the VPN my password is ", pii("SECRET", secrets.password(r).replace(/[.!?]$/, "x") + "7"), " and the token is expired since ", keep(n.isoDate(r)), ". max_tokens: ", keep(n.tokens(r)), "."],
  (r) => ["export ANTHROPIC_API_KEY=", pii("SECRET", `sk-ant-api03-${secrets.openai(r).slice(-40)}`), "\nexport OPENAI_API_KEY=${OPENAI_API_KEY}\n# api_key=<your-key>; token_count=", keep(n.tokens(r))],
  (r) => ["GET /admin HTTP/1.1\nHost: internal\nAuthorization: Basic ", pii("SECRET", Buffer.from(`admin:${secrets.password(r)}`).toString("base64")), "\nX-Request-Id: ", keep(n.uuid(r))],
  (r) => ["mongodb+srv://svc_reader:", pii("SECRET", secrets.password(r)), "@cluster0.example.mongodb.net/?retryWrites=true; pool ", keep(String(r.int(5, 50))), ", commit ", keep(n.sha(r))],
  (r) => ["The log was cut off:\n", pii("SECRET", secrets.pem(r).split("\n").slice(0, 3).join("\n")), "\n(truncated at ", keep(n.duration(r)), ")"],
  (r) => ["Please send the documents to ", pii("ADDRESS", streetAddress(r, r.pick(["en", "de", "fr"]))), " or to ", pii("ADDRESS", `P.O. Box ${r.int(100, 9999)}`), ". Order ", keep(n.order(r)), "."],
  (r) => ["Q", keep(String(r.int(1, 4))), " revenue grew ", keep(n.percent(r)), " to ", keep(n.price(r)), " (", keep(n.bigNumber(r)), " units); next review ", keep(n.usDate(r)), " at ", keep(n.time(r)), "."],
  (r) => ["Please call about ticket ", keep(String(r.int(1000000, 9999999))), " – I'm ", pii("PERSON", fullName(r, "en")), ", reachable on ", pii("PHONE", phoneNumber(r, "en")), "."],
  (r) => ["Kontoinhaber: ", pii("PERSON", fullName(r, "de")), "\nIBAN: ", pii("IBAN", ibanNumber(r, "DE")), "\nVerwendungszweck: ", keep(n.invoice(r)), "\nBetrag: ", keep(n.price(r))],
  (r) => ["Chère ", pii("PERSON", firstName(r, "fr")), ",\nvotre carte ", pii("CARD", cardNumber(r)), " expire le ", keep(n.euDate(r)), ". Référence ", keep(n.invoice(r)), "."],
  (r) => ["Beste ", pii("PERSON", firstName(r, "nl")), ", je pakket ", keep(n.order(r)), " is onderweg (", keep(n.euDate(r)), ", ", keep(n.time(r)), "). Groeten, team ", keep("Bezorging"), "."],
];
