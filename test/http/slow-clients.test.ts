import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

let gw: TestGateway;
let port: number;
before(async () => {
  gw = await startTestGateway(
    standardConfig({ extraPlatform: { server: { maxConnections: 40, headersTimeoutSeconds: 1, requestTimeoutSeconds: 3, bodyIdleTimeoutSeconds: 1 } } }),
  );
  port = Number(new URL(gw.url).port);
});
after(() => gw.close());

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => resolve(s));
    s.on("error", () => undefined);
    s.once("error", reject);
  });
}

/** Resolves with what the server sent once it closes the socket, or "still open" after `ceilingMs`. */
function closedBy(socket: Socket, ceilingMs: number): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    const timer = setTimeout(() => resolve("still open"), ceilingMs);
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

async function healthz(): Promise<number> {
  // A connection of its own each time, as a load balancer's probe would open.
  const s = await open();
  const answer = closedBy(s, 5_000);
  s.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const text = await answer;
  return Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0);
}

test("a flood of idle sockets past the cap is shed oldest first, and /healthz keeps answering", async () => {
  // Long timeouts here: only the cap can close the flood's sockets.
  const capped = await startTestGateway(standardConfig({ extraPlatform: { server: { maxConnections: 40, headersTimeoutSeconds: 60 } } }));
  const mainPort = port;
  port = Number(new URL(capped.url).port);
  const flood: Socket[] = [];
  let closed = 0;
  for (let i = 0; i < 300; i++) {
    const s = await open();
    s.on("close", () => closed++);
    flood.push(s);
  }
  try {
    for (let i = 0; i < 5; i++) assert.equal(await healthz(), 200, `probe ${i} under the flood`);
    for (let waited = 0; closed < 300 - 40 && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    assert.ok(closed >= 300 - 40, `the gateway holds at most its cap of connections (${300 - closed} of the flood still open)`);
  } finally {
    flood.forEach((s) => s.destroy());
    port = mainPort;
    await capped.close();
  }
});

test("a request head trickled a byte at a time is cut at the header timeout", async () => {
  const s = await open();
  const answer = closedBy(s, 15_000);
  s.write("GET /healthz HTTP/1.1\r\n");
  const trickle = setInterval(() => s.write("X"), 200);
  const text = await answer;
  clearInterval(trickle);
  s.destroy();
  assert.notEqual(text, "still open");
  assert.match(text, /^(HTTP\/1\.1 408 |$)/, "408 or a plain close");
});

test("a request body that stops arriving is answered 408 and its connection closed", async () => {
  const s = await open();
  const answer = closedBy(s, 15_000);
  s.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TEST_KEY}\r\nContent-Length: 1000\r\n\r\n{"model":"gpt35",`);
  const text = await answer;
  s.destroy();
  assert.match(text, /^HTTP\/1\.1 408 /);
  assert.match(text, /"code":"request_timeout"/);
});

test("a body trickled slowly enough never to be idle is cut at the request timeout", async () => {
  const s = await open();
  const answer = closedBy(s, 20_000);
  s.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TEST_KEY}\r\nContent-Length: 100000\r\n\r\n{"model":"gpt35","x":"`);
  const trickle = setInterval(() => s.write("a"), 300);
  const text = await answer;
  clearInterval(trickle);
  s.destroy();
  assert.notEqual(text, "still open");
  assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
});
