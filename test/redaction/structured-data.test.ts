import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allFindings, valuesOf } from "./find-values.js";

describe("labelled fields", () => {
  it("reads JSON values by their key", () => {
    const text = '{"nome": "Beatriz Souza", "telefone": "(11) 3456-7890", "nascimento": "1988-04-12", "cpf": "52998224725", "sku": "SKU-12345-BLK-M"}';
    assert.deepEqual(allFindings(text), ["PERSON:Beatriz Souza", "PHONE:(11) 3456-7890", "DOB:1988-04-12", "ID:52998224725"]);
  });

  it("reads table cells by their column header, in markdown, CSV and TSV", () => {
    const markdown = "| Nachname | Geburtsdatum | version |\n|---|---|---|\n| Kowalczyk | 02.03.1971 | 10.4.1.2 |\n";
    assert.deepEqual(allFindings(markdown), ["PERSON:Kowalczyk", "DOB:02.03.1971"]);
    const csv = 'Imię,Telefon,Adres,firmware\nZofia,+48 512 345 678,"ul. Długa 5, 00-950 Warszawa",3.2.1.8\n';
    assert.deepEqual(allFindings(csv), ["PERSON:Zofia", "PHONE:+48 512 345 678", "ADDRESS:ul. Długa 5, 00-950 Warszawa"]);
    const tsv = "Nom\tCarte\n—\t4111 1111 1111 1111\n";
    assert.deepEqual(allFindings(tsv), ["CARD:4111 1111 1111 1111"]);
  });

  it("reads log keys and form labels, and leaves versions, SKUs and orders under theirs", () => {
    const log = 'level=info user_name="Ana Lima" phone=+5511912345678 firmware=12.4.7.224 order_no=#175190266';
    assert.deepEqual(allFindings(log), ["PERSON:Ana Lima", "PHONE:+5511912345678"]);
    const form = "Passenger 1: MUELLER/ANNA MRS\nPassport: KE2084186 · Data urodzenia: 4 lutego 1987\nNIP pracodawcy: 353-254-86-38";
    assert.deepEqual(allFindings(form), ["PERSON:MUELLER/ANNA MRS", "ID:KE2084186", "DOB:4 lutego 1987"]);
  });
});

describe("names without cue words", () => {
  it("finds greetings, signatures, chat speakers and names after verbs of talking", () => {
    assert.deepEqual(valuesOf("Olá Beatriz,\n\nfalei com Ren Kobayashi ontem.\n\nAbraços,\nJoão", "PERSON"), ["Beatriz", "Ren Kobayashi", "João"]);
    assert.deepEqual(valuesOf("[10:02] Oluwaseun Adeyemi: hello\nPriya Raman (10:03): hi", "PERSON"), ["Oluwaseun Adeyemi", "Priya Raman"]);
    assert.deepEqual(valuesOf("Kannst du Niklas fragen? Sprawę prowadzi Grzegorz Dąbrowski.", "PERSON"), ["Niklas", "Grzegorz Dąbrowski"]);
  });

  it("keeps codes in capitals and sentence openers", () => {
    assert.deepEqual(valuesOf("Booking confirmation — PNR SENAFI\nPlease check the invoice.", "PERSON"), []);
  });
});

describe("national ids by their check digits", () => {
  it("finds CPF, CNPJ, Belgian, French, German and Dutch numbers in their written shapes", () => {
    const text = "CPF 529.982.247-25, CNPJ 11.222.333/0001-81, 85.07.30-033.28, 2 69 09 43 415 858 42, 86 095 742 719, 1112.22.333";
    assert.deepEqual(valuesOf(text, "ID"), ["529.982.247-25", "11.222.333/0001-81", "85.07.30-033.28", "2 69 09 43 415 858 42", "86 095 742 719", "1112.22.333"]);
  });

  it("keeps the same shapes with a wrong check digit", () => {
    assert.deepEqual(valuesOf("ref 529.982.247-26 and 11.222.333/0001-82", "ID"), []);
  });
});
