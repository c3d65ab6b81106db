/**
 * `npm run bench:translation -- micro`: each translation alone, in this process, over the events
 * of one 100-chunk stream replayed many times: µs per event with nothing else running, beside
 * what pass-through does per event (parse the event's JSON, as the SSE reader does).
 */
import type { SseEvent } from "../src/core/reply.js";
import { messageStream } from "../src/providers/anthropic/message-stream.js";
import { MessageEvents } from "../src/surfaces/anthropic-messages/message-events.js";

const CHUNKS = 100;
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3000);

const anthropicEvents: Array<[string, string]> = [
  ["message_start", '{"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","model":"claude-bench","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}'],
  ["content_block_start", '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'],
  ...Array.from({ length: CHUNKS }, (): [string, string] => ["content_block_delta", '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" word"}}']),
  ["content_block_stop", '{"type":"content_block_stop","index":0}'],
  ["message_delta", '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":20}}'],
  ["message_stop", '{"type":"message_stop"}'],
];
const openaiData = '{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-35-turbo","choices":[{"index":0,"delta":{"content":" word"},"finish_reason":null}],"usage":null}';

function time(label: string, events: number, run: () => void): void {
  for (let i = 0; i < 200; i++) run();
  const start = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) run();
  const used = process.cpuUsage(start);
  process.stdout.write(`${label.padEnd(44)} ${(((used.user + used.system) / (ROUNDS * events)) * 1000).toFixed(0)} ns per event\n`);
}

let sink = 0;
const keep = (e: SseEvent): void => {
  sink += e.data.length;
};
time("pass-through: JSON.parse of the chunk", CHUNKS, () => {
  for (let i = 0; i < CHUNKS; i++) sink += (JSON.parse(openaiData) as { created: number }).created;
});
time("anthropic provider: Anthropic event → chunk", anthropicEvents.length, () => {
  const t = messageStream();
  for (const [name, data] of anthropicEvents) t.event(name, data, keep);
});
const chunks: SseEvent[] = [];
messageStream();
{
  const t = messageStream();
  for (const [name, data] of anthropicEvents) t.event(name, data, (e) => chunks.push(e));
}
time("messages surface: chunk → Anthropic event", chunks.length, () => {
  const frames = new MessageEvents("bench", () => 12);
  for (const e of chunks) sink += frames.event(e).length;
  sink += frames.end(undefined).length;
});
process.stdout.write(`(${ROUNDS} streams of ${CHUNKS} chunks; ${sink > 0 ? "" : "-"}node ${process.version})\n`);
