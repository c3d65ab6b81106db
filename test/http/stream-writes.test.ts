import { test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { TEST_KEY, withContentSafety } from "../support/config-dir.js";
import { chatChunks, startFakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway } from "../support/test-gateway.js";
import { poolConfig, sleep } from "../routing/pool-kit.js";

/** A raw HTTP/1.1 exchange: the response's bytes as sent, so its chunk framing can be read. */
function rawPost(url: string, path: string, body: string): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const parts: Buffer[] = [];
    socket.on("data", (d: Buffer) => parts.push(d));
    socket.on("end", () => resolve(Buffer.concat(parts)));
    socket.on("error", reject);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TEST_KEY}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** The payload of each HTTP chunk of a chunked response, in order. */
function chunksOf(response: Buffer): string[] {
  const text = response.toString("latin1");
  let at = text.indexOf("\r\n\r\n") + 4;
  assert.match(text.slice(0, at), /transfer-encoding: chunked/i);
  const chunks: string[] = [];
  for (;;) {
    const eol = text.indexOf("\r\n", at);
    const size = parseInt(text.slice(at, eol), 16);
    if (size === 0) return chunks;
    chunks.push(text.slice(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

const events = (chunk: string): number => chunk.split("data: ").length - 1;

// A provider that sends many events in one write (a burst after a content filter, or a fast
// model) is answered with one write too: each event as its own write cost its own chunk framing
// and four buffered pieces. Events a later read brings still go out as they come.
test("the events of one upstream read go to the client in one chunk; a later read's in its own", async () => {
  const burst = chatChunks(Array.from({ length: 18 }, (_, i) => ` w${i}`), false);
  assert.equal(burst.length, 20);
  const up = await startFakeUpstream(async (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write(burst.join(""));
    await sleep(100);
    res.write(chatChunks([" late"], false)[1] as string);
    await sleep(100);
    res.end("data: [DONE]\n\n");
  });
  const gw = await startTestGateway(withContentSafety(poolConfig([{ id: "a", url: up.url }]), "off"));
  try {
    const body = JSON.stringify({ model: "gpt35", stream: true, messages: [{ role: "user", content: "Hello" }] });
    const chunks = chunksOf(await rawPost(gw.url, "/v1/chat/completions", body));
    assert.deepEqual(chunks.map(events), [20, 1, 1], chunks.join("|"));
    const words = chunks.slice(0, 2).flatMap((c) => [...c.matchAll(/"content":"([^"]*)"/g)].map((m) => m[1]));
    assert.deepEqual(words, ["", ...burst.slice(1, 19).map((_, i) => ` w${i}`), " late"]);
    assert.equal(chunks[2], "data: [DONE]\n\n");
  } finally {
    await gw.close();
    await up.close();
  }
});
