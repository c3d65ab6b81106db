/**
 * A fast OpenAI-compatible upstream for the benchmark, run as its own process so its CPU is not
 * counted as Atrium's. The scenario is chosen by the platform deployment name in `model`:
 * `bench-chat` (JSON), `bench-stream-<gapMs>` (20 chunks, <gapMs> apart; `bench-stream-<gapMs>x<n>`:
 * n chunks), `bench-embed` (256 dimensions), `bench-embed-<n>` (n dimensions: 1536 is ada-002's).
 * At `/v1/messages` it is Anthropic: `bench-claude-stream-<gapMs>x<n>` streams n text deltas as
 * Anthropic's named events.
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
const claudeDelta = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" word"}}\n\n';
const claudeStart =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","model":"claude-bench","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1,"cache_read_input_tokens":0,"cache_creation_input_tokens":0}}}\n\n' +
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n';
const claudeEnd =
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":20}}\n\n' +
  'event: message_stop\ndata: {"type":"message_stop"}\n\n';
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
    if (!model.startsWith("bench-stream-") && !model.startsWith("bench-claude-stream-")) {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(completion) });
      return res.end(completion);
    }
    const claude = req.url?.endsWith("/v1/messages") === true;
    const [gap, count] = model.slice(claude ? "bench-claude-stream-".length : "bench-stream-".length).split("x");
    const gapMs = Number(gap) || 0;
    const events = Number(count) || 20;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    if (claude) res.write(claudeStart);
    let sent = 0;
    const tick = (): void => {
      if (res.destroyed) return;
      if (sent < events) {
        sent++;
        res.write(claude ? claudeDelta : `data: ${base}\n\n`);
        if (gapMs > 0) setTimeout(tick, gapMs);
        else setImmediate(tick);
        return;
      }
      if (claude) return void res.end(claudeEnd);
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
