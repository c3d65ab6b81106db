import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { TEST_KEY } from "../support/config-dir.js";
import { chatChunks, chatCompletion, readJson, sendJson, startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { auditConfig, chat, eventually } from "./audit-kit.js";

// A small cap, so that what the tests send is well past it.
const CAP = 4096;
const WORD = "lorem ipsum dolor sit amet, consectetur adipiscing elit. ";

let upstream: FakeUpstream;
/** Streams the gateway has held back (backpressure from a client that does not read). */
let heldBack = 0;
let gw: TestGateway;

/** Streams `chunks` deltas as fast as the gateway takes them (the upstream's own backpressure). */
async function fastStream(res: ServerResponse, chunks: number): Promise<void> {
  const [first, delta] = chatChunks([WORD.repeat(16)], false);
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write(first);
  let held = false;
  for (let i = 0; i < chunks && !res.destroyed; i++) {
    if (res.write(delta)) continue;
    // The gateway stopped reading: its client's socket is full of what came before.
    if (!held) heldBack++;
    held = true;
    await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end("data: [DONE]\n\n");
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

before(async () => {
  upstream = await startFakeUpstream(async (req, res) => {
    const body = readJson(req);
    const long = JSON.stringify(body["messages"]).length > CAP;
    if (body["stream"] !== true) return sendJson(res, 200, chatCompletion(long ? WORD.repeat(200) : "Hi."));
    // About 18 MB of text: far more than any socket buffer holds.
    await fastStream(res, 20_000);
  });
  gw = await startTestGateway(
    auditConfig(
      { defaultMode: "metadata", maxCaptureChars: CAP, consumers: { "team-a": { mode: "redacted", sampleRate: 0 } } },
      { resources: { up: { provider: "openai-compatible", endpoint: upstream.url } } },
    ),
  );
});
after(async () => {
  await gw.close();
  await upstream.close();
});

interface Row {
  prompt: string | null;
  response: string | null;
  truncated: number;
  aborted: number;
  status: number;
}

async function rowsFor(requestIds: string[]): Promise<Row[]> {
  let rows: Row[] = [];
  await eventually(async () => {
    rows = await gw.database.db.selectFrom("audit_records").select(["prompt", "response", "truncated", "aborted", "status"]).where("request_id", "in", requestIds).execute();
    return rows.length === requestIds.length;
  }, 60_000);
  return rows;
}

test("a prompt and a JSON reply past audit.maxCaptureChars are cut there and the record is marked truncated", async () => {
  const long = await chat(gw.url, WORD.repeat(200));
  const short = await chat(gw.url, "Hello.");
  assert.ok(long.complete && short.complete);
  const [cut] = await rowsFor([long.requestId]);
  const [whole] = await rowsFor([short.requestId]);
  assert.ok(cut && whole);
  assert.equal(cut.truncated, 1);
  const prompt = JSON.parse(cut.prompt ?? "[]") as Array<{ content: string }>;
  assert.equal(prompt.reduce((n, m) => n + m.content.length, 0), CAP, "prompt text kept up to the cap, all messages together");
  assert.equal(cut.response?.length, CAP);
  assert.equal(whole.truncated, 0, "a record within the cap is not marked");
});

test("streams whose clients never read keep at most the cap each; their records are marked truncated", async () => {
  const sockets: Socket[] = [];
  const ids: string[] = [];
  const body = JSON.stringify({ model: "gpt35", stream: true, messages: [{ role: "user", content: "Tell me everything." }] });
  const { port } = new URL(gw.url);
  for (let i = 0; i < 40; i++) {
    const id = `never-reads-${i}-${Date.now()}`;
    ids.push(id);
    const socket = connect(Number(port), "127.0.0.1");
    await once(socket, "connect");
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${TEST_KEY}\r\ncontent-type: application/json\r\n` +
        `x-request-id: ${id}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // Never read: the gateway's writes fill the socket buffers and then wait.
    socket.pause();
    sockets.push(socket);
  }
  // Let every stream push what the buffers take, then leave.
  assert.ok(await eventually(() => heldBack >= 40, 60_000), `every stream was held back by its client (${heldBack} of 40)`);
  for (const s of sockets) s.destroy();
  const rows = await rowsFor(ids);
  assert.equal(rows.length, 40);
  for (const row of rows) {
    assert.equal(row.aborted, 1, JSON.stringify({ ...row, prompt: undefined, response: row.response?.length }));
    assert.equal(row.truncated, 1, JSON.stringify({ ...row, prompt: undefined, response: row.response?.length }));
    assert.ok((row.response?.length ?? 0) <= CAP, `response kept: ${row.response?.length} characters`);
  }
});
