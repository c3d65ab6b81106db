import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createParser, type EventSourceParser } from "eventsource-parser";
import { GatewayError } from "../core/errors.js";
import type { EventSink, EventStream } from "../core/event-stream.js";
import { isObject } from "../core/json.js";
import type { SseEvent } from "../core/reply.js";
import type { RequestSignal } from "../core/request-signal.js";
import { openAIError } from "./openai-errors.js";
import type { StreamTranslator } from "./provider.js";
import { transportError } from "./transport-error.js";

/**
 * An upstream SSE body as events pushed to a sink in the read that brought them: no promise or
 * queue per event. `pause` pauses the body, so backpressure reaches the upstream socket. A body
 * that ends without `[DONE]`, an event that is not JSON, or an error event all fail the stream: a
 * broken stream must never look complete.
 */
export function sseEvents(body: Readable, signal: RequestSignal, translator?: StreamTranslator): EventStream {
  return new SseBodyStream(body, signal, translator);
}

class SseBodyStream implements EventStream {
  private sink: EventSink | undefined;
  private readonly parser: EventSourceParser;
  /**
   * StringDecoder rather than TextDecoder: in streaming mode TextDecoder goes through ICU's
   * converter, 2.5-10× slower per read. It keeps a byte-order mark, which TextDecoder dropped and
   * the SSE format says to ignore, so the first read drops it here.
   */
  private readonly decoder = new StringDecoder("utf8");
  private first = true;
  /** `[DONE]` came: the rest of the body is read to its end and ignored. */
  private done = false;
  /** end, error or cancel happened: nothing more goes to the sink. */
  private settled = false;

  constructor(
    private readonly body: Readable,
    private readonly signal: RequestSignal,
    translator: StreamTranslator | undefined,
  ) {
    if (translator) {
      // Made only for translated streams: a passed-through one allocates nothing for them.
      const emit = (event: SseEvent): void => {
        if (!this.settled) (this.sink as EventSink).event(event);
      };
      this.parser = createParser({ onEvent: (event) => this.onTranslated(translator, event.event, event.data, emit) });
    } else this.parser = createParser({ onEvent: (event) => this.onEvent(event.data) });
  }

  start(sink: EventSink): void {
    this.sink = sink;
    this.body.on("data", (chunk: Buffer) => {
      if (this.done || this.settled) return;
      let text = this.decoder.write(chunk);
      if (this.first && text.length > 0) {
        this.first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      this.parser.feed(text);
      // The events this read brought go out in one write.
      if (!this.settled) (this.sink as EventSink).flush();
    });
    // After [DONE] the body is read to its end rather than abandoned: leaving early destroys the
    // socket and costs an AbortError (with its stack) per stream.
    this.body.on("end", () => {
      if (this.done) this.settle()?.end();
      else this.fail(new GatewayError("upstream_error", "The upstream stream ended before it was complete.", { retryable: true }));
    });
    this.body.on("error", (err: unknown) => {
      // A socket that fails after [DONE] has already delivered everything.
      if (this.done) this.settle()?.end();
      else this.fail(transportError(err, this.signal));
    });
  }

  pause(): void {
    this.body.pause();
  }

  resume(): void {
    if (!this.settled) this.body.resume();
  }

  cancel(): void {
    if (this.settled) return;
    this.settled = true;
    this.release();
  }

  private onEvent(data: string): void {
    if (this.done || this.settled) return;
    if (data === "[DONE]") {
      this.done = true;
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      this.fail(new GatewayError("upstream_error", "The upstream sent an event that is not JSON.", { retryable: true }));
      return;
    }
    if (isObject(json) && json["error"] !== undefined) {
      this.fail(streamedError(data));
      return;
    }
    const event: SseEvent = { data, json, text: undefined };
    (this.sink as EventSink).event(event);
  }

  /** A provider's own event, through its translator: it ends the stream, rather than `[DONE]`. */
  private onTranslated(translator: StreamTranslator, name: string | undefined, data: string, emit: (event: SseEvent) => void): void {
    if (this.done || this.settled) return;
    try {
      this.done = translator.event(name, data, emit);
    } catch (err) {
      this.fail(err instanceof GatewayError ? err : new GatewayError("upstream_error", "The upstream sent an event the gateway could not read.", { retryable: true, cause: err }));
    }
  }

  /** Marks the stream over and returns the sink to tell, unless it was already over. */
  private settle(): EventSink | undefined {
    if (this.settled) return undefined;
    this.settled = true;
    return this.sink;
  }

  private fail(err: GatewayError): void {
    const sink = this.settle();
    if (!sink) return;
    this.release();
    sink.error(err);
  }

  /** Lets go of the upstream connection: an unread or unfinished body is destroyed, quietly. */
  private release(): void {
    if (!this.body.readableEnded) this.body.on("error", () => {}).destroy();
  }
}

function streamedError(data: string): GatewayError {
  const err = openAIError(500, data, {});
  return new GatewayError(err.code, err.message, { retryable: true });
}
