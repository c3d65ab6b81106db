import { birthDate, streetAddress } from "./places.js";
import { cardNumber, ibanNumber, ipv4, phoneNumber, ssnNumber } from "./numbers.js";
import { emailFor, fullName, lastName } from "./people.js";
import { nino, passportNumber } from "./identity.js";
import { negatives as n } from "./negatives.js";
import { keep, pii, type Template } from "./record.js";

/** English support tickets and HR questions. */
export const SUPPORT_TEMPLATES: readonly Template[] = [
  (r) => {
    const name = fullName(r, "en");
    return ["Hi, my name is ", pii("PERSON", name), " and I can't log in since yesterday. My account email is ", pii("EMAIL", emailFor(r, name)), ". Order ", keep(n.order(r)), " was charged twice (", keep(n.price(r)), "). Please call me back at ", pii("PHONE", phoneNumber(r, "en")), "."];
  },
  (r) => ["Hello support,\n\nI was charged ", keep(n.price(r)), " on ", keep(n.isoDate(r)), " but my card ", pii("CARD", cardNumber(r)), " shows two payments. Ticket ", keep(n.ticket(r)), ".\n\nKind regards,\n", pii("PERSON", fullName(r, "en"))],
  (r) => {
    const name = fullName(r, "en");
    return ["Customer name: ", pii("PERSON", name), " (", pii("EMAIL", emailFor(r, name)), ") reports HTTP ", keep(n.status(r)), " when calling the API at ", keep(n.time(r)), ". Request id ", keep(n.uuid(r)), "."];
  },
  (r) => ["Please update my shipping address to ", pii("ADDRESS", streetAddress(r, "en")), ". Invoice ", keep(n.invoice(r)), " still shows the old one. Thanks!"],
  (r) => ["Refund request: please send ", keep(n.price(r)), " back to IBAN ", pii("IBAN", ibanNumber(r, r.pick(["GB", "DE", "NL"]))), ". Account holder: ", pii("PERSON", fullName(r, "en")), "."],
  (r) => ["Employee: ", pii("PERSON", fullName(r, "en")), "\nDate of birth: ", pii("DOB", birthDate(r, "en")), "\nSSN: ", pii("SSN", ssnNumber(r)), "\nStart date: ", keep(n.isoDate(r)), "\nSalary band: ", keep(n.number(r))],
  (r) => ["I'm ", pii("PERSON", fullName(r, "en")), " from payroll. Why does the W-2 for SSN ", pii("SSN", ssnNumber(r)), " show the wrong address? It should be ", pii("ADDRESS", streetAddress(r, "en")), "."],
  (r) => ["New hire paperwork for ", keep(n.isoDate(r)), ": passport number ", pii("ID", passportNumber(r)), ", NI number ", pii("ID", nino(r)), ", DOB ", pii("DOB", birthDate(r, "en")), ". Contract template ", keep(n.version(r)), " attached."],
  (r) => ["Can an employee born on ", pii("DOB", birthDate(r, "en")), " still join the pension scheme before ", keep(n.isoDate(r)), "? The policy PDF (", keep(n.number(r)), " pages) is unclear."],
  (r) => {
    const name = fullName(r, "en");
    return ["From: ", pii("PERSON", name), " <", pii("EMAIL", emailFor(r, name)), ">\nTo: ", pii("EMAIL", "support@acme-corp.io"), "\nSubject: Order ", keep(n.order(r)), " not delivered\n\nTracking says delivered at ", keep(n.time(r)), " but nothing arrived."];
  },
  (r) => ["Card ending ", keep(r.digits(4)), " was declined with code ", keep(n.status(r)), "; the full number on file is ", pii("CARD", cardNumber(r)), ". Can you retry the ", keep(n.price(r)), " charge?"],
  (r) => ["My SSN is ", pii("SSN", ssnNumber(r)), " and my date of birth is ", pii("DOB", birthDate(r, "en")), ". You can reach me on ", pii("PHONE", phoneNumber(r, "en")), " after ", keep(n.time(r)), "."],
  (r) => ["Dear ", r.pick(["Mr. ", "Ms. ", "Dr. ", "Mrs "]), pii("PERSON", lastName(r, "en")), ",\n\nyour appointment on ", keep(n.isoDate(r)), " at ", keep(n.time(r)), " is confirmed. Reference ", keep(n.invoice(r)), "."],
  (r) => ["Dear Mr. ", pii("PERSON", fullName(r, "en")), ", we received your complaint ", keep(n.ticket(r)), ". Please contact ", keep("Customer Support"), " if anything is missing."],
  (r) => ["Hi, this is ", pii("PERSON", fullName(r, "en")), ". I moved to ", pii("ADDRESS", streetAddress(r, "en")), " and my new number is ", pii("PHONE", phoneNumber(r, "en")), ". Old account ", keep(n.order(r)), "."],
  (r) => ["Our office egress IPs are ", pii("IP", ipv4(r)), " and ", pii("IP", ipv4(r)), "; please whitelist them before ", keep(n.isoDate(r)), ". We are on version ", keep(n.version(r)), "."],
  (r) => ["Sent from my phone, sorry for typos. Please use ", pii("EMAIL", emailFor(r, fullName(r, "en"))), " from now on. Thanks,\n", pii("PERSON", fullName(r, "en"))],
  (r) => ["Patient: ", pii("PERSON", fullName(r, "en")), ", D.O.B. ", pii("DOB", birthDate(r, "en")), ", phone ", pii("PHONE", phoneNumber(r, "en")), ". Dosage increased to ", keep(n.number(r)), " mg on ", keep(n.isoDate(r)), "."],
  (r) => ["Please contact ", pii("PERSON", fullName(r, "en")), " at ", pii("EMAIL", emailFor(r, fullName(r, "en"))), " about invoice ", keep(n.invoice(r)), " (", keep(n.price(r)), ")."],
  (r) => ["Summarise this ticket: user reports latency of ", keep(n.duration(r)), " and error ", keep(n.status(r)), " since upgrading to ", keep(n.version(r)), ". No personal data involved; meeting ID ", keep(`${r.int(810, 899)} ${r.digits(4)} ${r.digits(4)}`), "."],
  (r) => ["Wire transfer failed for ", pii("IBAN", ibanNumber(r)), " on ", keep(n.isoDate(r)), ". Reference ", keep(n.order(r)), ", amount ", keep(n.price(r)), "."],
];
