import assert from "node:assert/strict";
import { test } from "node:test";
import { findPii } from "../../src/redaction/find-pii.js";
import { findPiiSliced, SLICE_CHARS } from "../../src/redaction/find-pii-sliced.js";

// Values of every kind, some placed to straddle the edges of the slices.
const VALUES = [
  "anna.schmidt@example.com",
  "4111 1111 1111 1111",
  "IBAN DE89 3704 0044 0532 0130 00",
  "+49 30 901820",
  "my name is Anna Schmidt",
  "10.1.2.3",
  "SSN 078-05-1120",
  "AWS secret key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "221B Baker Street",
  "born on 1990-04-12",
];

function bigText(): string {
  const filler = "The quarterly numbers look fine and the team agreed on the plan. ";
  let text = "";
  let v = 0;
  for (let edge = SLICE_CHARS; edge < 5 * SLICE_CHARS; edge += SLICE_CHARS) {
    while (text.length < edge - 40) text += filler;
    // A value whose middle falls on the edge, then another a little after it.
    text = text.slice(0, edge - 12) + " " + VALUES[v++ % VALUES.length] + " " + filler + VALUES[v++ % VALUES.length] + " ";
  }
  while (text.length < 5.5 * SLICE_CHARS) text += filler + VALUES[v++ % VALUES.length] + ". ";
  return text;
}

test("a text longer than a slice yields the same findings as one scan of the whole", async () => {
  const text = bigText();
  const whole = findPii(text);
  assert.ok(whole.length > 40, `planted values found: ${whole.length}`);
  assert.deepEqual(await findPiiSliced(text), whole);
  assert.deepEqual(await findPiiSliced("mail anna@example.com"), findPii("mail anna@example.com"));
});

test("a long text gives the event loop back between slices", async () => {
  const text = bigText().repeat(6);
  let turns = 0;
  let scanning = true;
  const count = (): void => {
    turns++;
    if (scanning) setImmediate(count);
  };
  setImmediate(count);
  await findPiiSliced(text);
  scanning = false;
  // One scan of the whole text would have let the counter run once or twice.
  assert.ok(turns >= Math.floor(text.length / SLICE_CHARS) - 1, `${turns} turns for ${Math.ceil(text.length / SLICE_CHARS)} slices`);
});
