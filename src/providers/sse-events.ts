import { createParser } from "eventsource-parser";
import { GatewayError } from "../core/errors.js";
import { isObject } from "../core/json.js";
import type { SseEvent } from "../core/reply.js";
import { openAIError } from "./openai-errors.js";
import { transportError } from "./transport-error.js";

/**
 * Turns an upstream SSE body into events as they arrive. Pulling the next event pulls the next
 * body chunk, so backpressure reaches the upstream socket. A body that ends without `[DONE]`, an
 * event that is not JSON, or an error event all throw: a broken stream must never look complete.
 */
export async function* sseEvents(body: AsyncIterable<Uint8Array>, signal: AbortSignal): AsyncGenerator<SseEvent> {
  const ready: SseEvent[] = [];
  let done = false;
  let malformed: string | undefined;
  const parser = createParser({
    onEvent(event) {
      if (done) return;
      if (event.data === "[DONE]") {
        done = true;
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        malformed ??= "The upstream sent an event that is not JSON.";
        return;
      }
      ready.push({ data: event.data, json });
    },
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      for (let i = 0; i < ready.length; i++) {
        const event = ready[i] as SseEvent;
        if (isObject(event.json) && event.json["error"] !== undefined) throw streamedError(event.data);
        yield event;
      }
      ready.length = 0;
      if (malformed) throw new GatewayError("upstream_error", malformed, { retryable: true });
      // After [DONE] the body is read to its end rather than abandoned: leaving early destroys the
      // socket and costs an AbortError (with its stack) per stream.
    }
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    // A socket that fails after [DONE] has already delivered everything.
    if (done) return;
    throw transportError(err, signal);
  }
  if (done) return;
  throw new GatewayError("upstream_error", "The upstream stream ended before it was complete.", { retryable: true });
}

function streamedError(data: string): GatewayError {
  const err = openAIError(500, data, {});
  return new GatewayError(err.code, err.message, { retryable: true });
}
