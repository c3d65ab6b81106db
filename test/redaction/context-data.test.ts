import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { valuesOf } from "./find-values.js";

describe("person-name recogniser", () => {
  it("reads names after cues in six languages", () => {
    const text =
      "My name is Anna Schmidt. Dear Mr. John O'Brien, Sehr geehrter Herr Müller, ich heiße Jürgen Groß, " +
      "je m'appelle Jean-Luc Picard, Mme Dubois, me llamo María García, Sr. López, mijn naam is Daan de Vries, " +
      "geachte heer Jansen, mi chiamo Giulia Rossi, Gentile Sig.ra Bianchi.";
    assert.deepEqual(valuesOf(text, "PERSON"), [
      "Anna Schmidt", "John O'Brien", "Müller", "Jürgen Groß", "Jean-Luc Picard", "Dubois", "María García",
      "López", "Daan de Vries", "Jansen", "Giulia Rossi", "Bianchi",
    ]);
  });

  it("reads sign-offs and form fields", () => {
    const text = "Kind regards,\nSarah Connor\n\nName: Priya Patel\nAccount holder: Kwame Okafor\nMit freundlichen Grüßen\nLena Weber";
    assert.deepEqual(valuesOf(text, "PERSON"), ["Sarah Connor", "Priya Patel", "Kwame Okafor", "Lena Weber"]);
  });

  it("needs two names after weak cues unless the person is addressed", () => {
    assert.deepEqual(valuesOf("Hi Sarah, I'm Tom Baker. Thanks,\nAnna", "PERSON"), ["Sarah", "Tom Baker", "Anna"]);
    assert.deepEqual(valuesOf("I'm Sarah from billing.", "PERSON"), []);
  });

  it("keeps teams, products and greetings to everyone", () => {
    const text = "Dear Customer, please contact Microsoft Support or Customer Service. I'm Not sure. Dear Sir or Madam, Hi Team, Hello World. Sehr geehrte Damen und Herren";
    assert.deepEqual(valuesOf(text, "PERSON"), []);
  });
});

describe("street-address recogniser", () => {
  it("finds street, unit and postcode in several countries", () => {
    const text =
      "Ship to 221B Baker Street, London NW1 6XE. Old: 123 Main St, Apt 4B, Springfield, IL 62704. " +
      "DE: Hauptstraße 5, 10115 Berlin. FR: 12 rue de la Paix, 75002 Paris. ES: Calle Mayor 10, 28013 Madrid. " +
      "IT: Via Roma 12, 00184 Roma. NL: Prinsengracht 263, 1016 GV Amsterdam. Box: P.O. Box 1234.";
    assert.deepEqual(valuesOf(text, "ADDRESS"), [
      "221B Baker Street, London NW1 6XE", "123 Main St, Apt 4B, Springfield, IL 62704", "Hauptstraße 5, 10115 Berlin",
      "12 rue de la Paix, 75002 Paris", "Calle Mayor 10, 28013 Madrid", "Via Roma 12, 00184 Roma",
      "Prinsengracht 263, 1016 GV Amsterdam", "P.O. Box 1234",
    ]);
  });

  it("finds a postcode on its own only after a cue", () => {
    assert.deepEqual(valuesOf("zip code 94105, PLZ 10115, CAP 20121", "ADDRESS"), ["94105", "10115", "20121"]);
    assert.deepEqual(valuesOf("a cap of 50000 tokens, 94105 requests", "ADDRESS"), []);
  });

  it("keeps words that merely end like street names", () => {
    assert.deepEqual(valuesOf("Spring 2024 release, Offering 3 plans, during 5 days, 3 Road bikes", "ADDRESS"), []);
  });
});

describe("date-of-birth recogniser", () => {
  it("takes dates after birth cues in several formats and languages", () => {
    const text =
      "DOB: 1985-03-12; born on 12 March 1985; Date of birth (MM/DD/YYYY): 03/12/1985; geboren am 12.03.1985; " +
      "née le 12 mars 1985; fecha de nacimiento: 12 de marzo de 1985; geboortedatum 12-03-1985; nato il 12/03/1985";
    assert.equal(valuesOf(text, "DOB").length, 8);
  });

  it("keeps dates without a birth cue", () => {
    assert.deepEqual(valuesOf("Released 2024-01-15, due 15.01.2024, team birthday lunch on 2024-05-01", "DOB"), []);
  });
});

describe("national-id recogniser", () => {
  it("finds ids after cues and distinctive formats on their own", () => {
    const text =
      "Passport no. C01X00T47; Personalausweisnummer: T22000129; NI number AB 12 34 56 C; JG103759A alone; " +
      "DNI 12345678Z; NIE X1234567L; codice fiscale RSSMRA85T10A562S; BSN 123456782; passeport n° 12AB34567";
    assert.deepEqual(valuesOf(text, "ID"), [
      "C01X00T47", "T22000129", "AB 12 34 56 C", "JG103759A", "12345678Z", "X1234567L", "RSSMRA85T10A562S", "123456782", "12AB34567",
    ]);
  });

  it("keeps invalid NINO prefixes, wrong DNI letters and lower-case acronyms", () => {
    assert.deepEqual(valuesOf("GB123456A, 12345678A, nie 12345678, passport expired, tin 123456", "ID"), []);
  });
});
