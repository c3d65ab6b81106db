/**
 * A fast OpenAI-compatible upstream for the benchmark, run as its own process so its CPU is not
 * counted as Atrium's. The scenario is chosen by the platform deployment name in `model`:
 * `bench-chat` (JSON), `bench-stream-<gapMs>` (20 chunks, <gapMs> apart; `bench-stream-<gapMs>x<n>`:
 * n chunks), `bench-embed` (256 dimensions), `bench-embed-<n>` (n dimensions: 1536 is ada-002's).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const usage = { prompt_tokens: 12, completion_tokens: 20, total_tokens: 32 };
const completion = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-35-turbo",
  choices: [{ index: 0, message: { role: "assistant", content: "word ".repeat(20).trim() }, finish_reason: "stop" }],
  usage,
});
const embeddingOf = (dimensions: number): string =>
  JSON.stringify({
    object: "list",
    data: [{ object: "embedding", index: 0, embedding: Array.from({ length: dimensions }, (_, i) => Math.sin(i) / 16) }],
    model: "text-embedding-ada-002",
    usage: { prompt_tokens: 8, total_tokens: 8 },
  });
const embeddings = new Map<string, string>();
const base = '{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-35-turbo","choices":[{"index":0,"delta":{"content":" word"},"finish_reason":null}],"usage":null}';
const last = `{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-35-turbo","choices":[],"usage":${JSON.stringify(usage)}}`;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const model = /"model":"([^"]+)"/.exec(body)?.[1] ?? "";
    if (req.url?.endsWith("/embeddings")) {
      let embedding = embeddings.get(model);
      if (embedding === undefined) embeddings.set(model, (embedding = embeddingOf(Number(model.slice("bench-embed-".length)) || 256)));
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(embedding) });
      return res.end(embedding);
    }
    if (!model.startsWith("bench-stream-")) {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(completion) });
      return res.end(completion);
    }
    const [gap, count] = model.slice("bench-stream-".length).split("x");
    const gapMs = Number(gap) || 0;
    const events = Number(count) || 20;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    let sent = 0;
    const tick = (): void => {
      if (res.destroyed) return;
      if (sent < events) {
        sent++;
        res.write(`data: ${base}\n\n`);
        if (gapMs > 0) setTimeout(tick, gapMs);
        else setImmediate(tick);
        return;
      }
      res.write(`data: ${last}\n\n`);
      res.end("data: [DONE]\n\n");
    };
    tick();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
