import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AuditRecord } from "../../src/audit/audit-record.js";
import { redactRecord } from "../../src/audit/redact-record.js";
import { startTestGateway } from "../support/test-gateway.js";
import { auditConfig, chat, eventually } from "./audit-kit.js";

// A Presidio-style analyser on loopback: it knows one place name the built-in recognisers do not.
const PLACE = "Qwertyville";
let analyser: Server;
let analyserUrl: string;
const seen: string[] = [];
let failing = false;

before(async () => {
  analyser = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (failing) {
        res.writeHead(500).end();
        return;
      }
      const { text } = JSON.parse(body) as { text: string };
      seen.push(text);
      const found = [];
      for (let i = text.indexOf(PLACE); i >= 0; i = text.indexOf(PLACE, i + 1)) found.push({ entity_type: "LOCATION", start: i, end: i + PLACE.length, score: 0.9 });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(found));
    });
  });
  await new Promise<void>((resolve) => analyser.listen(0, "127.0.0.1", resolve));
  analyserUrl = `http://127.0.0.1:${(analyser.address() as AddressInfo).port}/analyze`;
});
after(() => new Promise<void>((resolve) => analyser.close(() => resolve())));

const record = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  id: "rec-1",
  requestId: "req-1",
  atMs: 1_700_000_000_000,
  consumer: "team-a",
  environment: "dev",
  operation: "chat",
  mode: "redacted",
  streamed: true,
  status: 200,
  aborted: false,
  sampled: false,
  prompt: [
    { role: "system", content: "You help jane@example.org." },
    { role: "user", content: `Ship to ${PLACE} and copy bob@example.org, then jane@example.org.` },
  ],
  responseText: `I will ship to ${PLACE} and write to jane@example.org.`,
  ...over,
});

test("one pseudonym map covers prompt and response; the external analyser adds what the recognisers miss", async () => {
  const { row, externalFailed } = await redactRecord(record(), { placeholders: "pseudonym", external: { url: analyserUrl, timeoutMs: 2000 } }, 0);
  assert.equal(externalFailed, false);
  assert.deepEqual(JSON.parse(row.prompt ?? ""), [
    { role: "system", content: "You help <EMAIL_1>." },
    { role: "user", content: "Ship to <ADDRESS_1> and copy <EMAIL_2>, then <EMAIL_1>." },
  ]);
  assert.equal(row.response, "I will ship to <ADDRESS_1> and write to <EMAIL_1>.");
  assert.deepEqual(JSON.parse(row.pii ?? ""), { EMAIL: 4, ADDRESS: 2 });
  assert.equal(row.redaction, "local+external");
  assert.equal(row.prompt_raw, null, "redacted mode keeps no raw text");
});

test("typed placeholders; a failing analyser leaves the built-in recognisers and says so", async () => {
  failing = true;
  try {
    const { row, externalFailed } = await redactRecord(record(), { placeholders: "typed", external: { url: analyserUrl, timeoutMs: 2000 } }, 0);
    assert.equal(externalFailed, true);
    assert.equal(row.response, `I will ship to ${PLACE} and write to <EMAIL>.`);
    assert.equal(row.redaction, "local (external failed)");
  } finally {
    failing = false;
  }
});

test("a JSON reply's text is read from its body; NUL never reaches the store; full keeps the raw text", async () => {
  const body = JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content: "Mail jane@example.org\u0000 now" } }] });
  const { row } = await redactRecord(record({ mode: "full", responseText: undefined, responseBody: body }), { placeholders: "typed" }, 0);
  assert.equal(row.response, "Mail <EMAIL> now");
  assert.equal(row.response_raw, "Mail jane@example.org now");
  assert.match(row.prompt_raw ?? "", /bob@example\.org/);
});

test("the gateway sends prompts to the configured analyser and stores what it found", async () => {
  const gw = await startTestGateway(
    auditConfig(
      { defaultMode: "redacted", externalAnalyzer: { url: analyserUrl, timeoutMs: 2000 } },
      { extraPlatform: { egress: { allowHosts: [new URL(analyserUrl).host] } } },
    ),
  );
  try {
    const sent = await chat(gw.url, `Meet me in ${PLACE} tomorrow`);
    assert.equal(sent.status, 200);
    const rows = async () => gw.database.db.selectFrom("audit_records").selectAll().where("request_id", "=", sent.requestId).execute();
    assert.ok(await eventually(async () => (await rows()).length === 1));
    const [row] = await rows();
    assert.match(row?.prompt ?? "", /Meet me in <ADDRESS_1> tomorrow/);
    assert.ok(seen.some((t) => t.includes(`Meet me in ${PLACE}`)), "the analyser saw the prompt");
  } finally {
    await gw.close();
  }
});

test("a record redacted without the failing analyser is stored, and counted on /metrics", async () => {
  const gw = await startTestGateway(
    auditConfig(
      { defaultMode: "redacted", externalAnalyzer: { url: analyserUrl, timeoutMs: 2000 } },
      { extraPlatform: { egress: { allowHosts: [new URL(analyserUrl).host] } } },
    ),
  );
  failing = true;
  try {
    const sent = await chat(gw.url, `Meet me in ${PLACE}, mail jane@example.org`);
    assert.equal(sent.status, 200);
    const rows = async () => gw.database.db.selectFrom("audit_records").selectAll().where("request_id", "=", sent.requestId).execute();
    assert.ok(await eventually(async () => (await rows()).length === 1));
    const [row] = await rows();
    assert.equal(row?.redaction, "local (external failed)");
    assert.match(row?.prompt ?? "", /mail <EMAIL_1>/);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    assert.match(metrics, /atrium_audit_analyzer_failures_total 1\n/);
    assert.match(metrics, /atrium_audit_redacted_total 1\n/);
  } finally {
    failing = false;
    await gw.close();
  }
});

test("a conversation's history is redacted the same on every turn, each record with its own pseudonyms", async () => {
  const pad = " Please keep the reply short and cite the policy section you rely on.".repeat(2);
  const system = `You are the travel desk. Escalations go to desk-lead@example.org.${pad}`;
  const user1 = `Book me to Berlin; my number is +44 20 7946 0958 and mail is ann@example.org.${pad}`;
  // As long as user1, its personal data elsewhere: a list kept by length would misplace it.
  const user2 = `Mail is ann@example.org, number +44 20 7946 0958; then book me back to Leeds.${pad}`;
  assert.equal(user1.length, user2.length);
  const reply1 = `Booked. The ticket goes to ann@example.org; questions to desk-lead@example.org.${pad}`;
  const turn = (prompt: AuditRecord["prompt"], responseText: string) => record({ prompt, responseText });
  const typed = { placeholders: "typed" } as const;

  const first = (await redactRecord(turn([{ role: "system", content: system }, { role: "user", content: user1 }], reply1), typed, 0)).row;
  const second = (
    await redactRecord(
      turn(
        [
          { role: "system", content: system },
          { role: "user", content: user1 },
          { role: "assistant", content: reply1 },
          { role: "user", content: user2 },
        ],
        "Done.",
      ),
      typed,
      0,
    )
  ).row;
  const firstPrompt = JSON.parse(first.prompt ?? "") as { content: string }[];
  const secondPrompt = JSON.parse(second.prompt ?? "") as { content: string }[];
  assert.equal(firstPrompt[0]?.content, `You are the travel desk. Escalations go to <EMAIL>.${pad}`);
  assert.equal(firstPrompt[1]?.content, `Book me to Berlin; my number is <PHONE> and mail is <EMAIL>.${pad}`);
  assert.deepEqual(secondPrompt.slice(0, 2), firstPrompt);
  assert.equal(secondPrompt[2]?.content, first.response);
  assert.equal(secondPrompt[3]?.content, `Mail is <EMAIL>, number <PHONE>; then book me back to Leeds.${pad}`);
  assert.deepEqual(JSON.parse(second.pii ?? ""), { EMAIL: 5, PHONE: 2 });

  // Pseudonyms are numbered per record, whatever was remembered from the turn before.
  const again = (await redactRecord(turn([{ role: "user", content: user2 }], reply1), { placeholders: "pseudonym" }, 0)).row;
  assert.equal((JSON.parse(again.prompt ?? "") as { content: string }[])[0]?.content, `Mail is <EMAIL_1>, number <PHONE_1>; then book me back to Leeds.${pad}`);
  assert.equal(again.response, `Booked. The ticket goes to <EMAIL_1>; questions to <EMAIL_2>.${pad}`);
});
