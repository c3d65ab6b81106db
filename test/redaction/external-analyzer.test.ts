import assert from "node:assert/strict";
import { once } from "node:events";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { GatewayError } from "../../src/core/errors.js";
import { analyzeExternal, mergeFindings } from "../../src/redaction/external-analyzer.js";
import { findPii } from "../../src/redaction/find-pii.js";
import { replaceFindings } from "../../src/redaction/replace-findings.js";

type Handler = (body: { text: string; language: string }, res: ServerResponse) => void;

/** A Presidio-analyzer stand-in: POST /analyze answers with whatever the current handler says. */
describe("external analyser", () => {
  let server: Server;
  let url = "";
  let handler: Handler = (_body, res) => res.end("[]");
  const requests: Array<{ text: string; language: string }> = [];

  before(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text: string; language: string };
        requests.push(body);
        res.setHeader("content-type", "application/json");
        handler(body, res);
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/analyze`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("posts text and language and maps Presidio entities to our types", async () => {
    const text = "Anna lives in Berlin, anna@firma.de";
    handler = (_body, res) =>
      res.end(
        JSON.stringify([
          { entity_type: "PERSON", start: 0, end: 4, score: 0.85 },
          { entity_type: "LOCATION", start: 14, end: 20, score: 0.7 },
          { entity_type: "EMAIL_ADDRESS", start: 22, end: 35, score: 1 },
          { entity_type: "NRP", start: 0, end: 4, score: 0.9 },
          { entity_type: "PERSON", start: 14, end: 20, score: 0.2 },
          { entity_type: "PHONE_NUMBER", start: 30, end: 99, score: 0.9 },
          { nonsense: true },
        ]),
      );
    const findings = await analyzeExternal(text, { url, language: "de" });
    assert.deepEqual(requests.at(-1), { text, language: "de" });
    assert.deepEqual(findings, [
      { type: "PERSON", start: 0, end: 4 },
      { type: "ADDRESS", start: 14, end: 20 },
      { type: "EMAIL", start: 22, end: 35 },
    ]);
  });

  it("converts Python code-point offsets to JavaScript string offsets", async () => {
    const text = "😀😀 Anna";
    handler = (_body, res) => res.end(JSON.stringify([{ entity_type: "PERSON", start: 3, end: 7, score: 0.9 }]));
    const [finding] = await analyzeExternal(text, { url });
    assert.equal(text.slice(finding?.start, finding?.end), "Anna");
  });

  it("merges with local findings into one non-overlapping list", async () => {
    const text = "Write to Anna Schmidt at anna@firma.de";
    handler = (_body, res) =>
      res.end(JSON.stringify([{ entity_type: "PERSON", start: 9, end: 21, score: 0.9 }, { entity_type: "EMAIL_ADDRESS", start: 25, end: 38, score: 1 }]));
    const merged = mergeFindings(findPii(text), await analyzeExternal(text, { url }));
    assert.equal(replaceFindings(text, merged), "Write to <PERSON> at <EMAIL>");
  });

  it("fails with upstream_error on an error status", async () => {
    handler = (_body, res) => {
      res.statusCode = 500;
      res.end('{"error":"boom"}');
    };
    await assert.rejects(analyzeExternal("x", { url }), (err: unknown) => err instanceof GatewayError && err.code === "upstream_error");
  });

  it("fails with upstream_timeout when the analyser is too slow", async () => {
    handler = (_body, res) => {
      const timer = setTimeout(() => res.end("[]"), 2000);
      res.on("close", () => clearTimeout(timer));
    };
    await assert.rejects(analyzeExternal("x", { url, timeoutMs: 50 }), (err: unknown) => err instanceof GatewayError && err.code === "upstream_timeout");
  });

  it("fails with upstream_error when the analyser cannot be reached or answers nonsense", async () => {
    await assert.rejects(analyzeExternal("x", { url: "http://127.0.0.1:1/analyze" }), (err: unknown) => err instanceof GatewayError && err.code === "upstream_error");
    handler = (_body, res) => res.end('{"not":"a list"}');
    await assert.rejects(analyzeExternal("x", { url }), (err: unknown) => err instanceof GatewayError && err.code === "upstream_error");
  });
});
