import type { EventSink, EventStream } from "../core/event-stream.js";
import type { SseEvent } from "../core/reply.js";

/**
 * Reads a stream's first event before the reply is committed, so a stream that fails before its
 * first byte can still fail over to another member (the promise rejects). The stream it resolves
 * to delivers that event first, then the rest; `onError` hears of a failure after that point (the
 * member broke mid-stream) before the sink does.
 */
export function primed(source: EventStream, onError?: (err: unknown) => void): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const stream = new PrimedStream(source, onError, () => resolve(stream), reject);
    source.start(stream);
  });
}

class PrimedStream implements EventStream, EventSink {
  private sink: EventSink | undefined;
  /** What arrived before the consumer started: the first event and any parsed in the same read. */
  private held: SseEvent[] = [];
  private ended: { err: unknown } | "clean" | undefined;
  private primed = false;
  private paused = false;

  constructor(
    private readonly source: EventStream,
    private readonly onError: ((err: unknown) => void) | undefined,
    private readonly ready: () => void,
    private readonly failed: (err: unknown) => void,
  ) {}

  // The source's side.
  event(event: SseEvent): void {
    if (this.sink && this.held.length === 0) return this.sink.event(event);
    this.held.push(event);
    if (!this.primed) {
      this.primed = true;
      // Nothing more is read until the writer starts.
      this.source.pause();
      this.ready();
    }
  }

  flush(): void {
    if (this.sink && this.held.length === 0) this.sink.flush();
  }

  end(): void {
    if (this.sink && this.held.length === 0) return this.sink.end();
    this.ended = "clean";
    if (!this.primed) {
      // No event at all, only [DONE]: an empty stream, still a good answer.
      this.primed = true;
      this.ready();
    }
  }

  error(err: unknown): void {
    if (!this.primed) {
      this.primed = true;
      this.failed(err);
      return;
    }
    this.onError?.(err);
    if (this.sink && this.held.length === 0) return this.sink.error(err);
    this.ended = { err };
  }

  // The consumer's side.
  start(sink: EventSink): void {
    this.sink = sink;
    this.handOver();
  }

  pause(): void {
    this.paused = true;
    this.source.pause();
  }

  resume(): void {
    this.paused = false;
    this.handOver();
  }

  cancel(): void {
    this.held.length = 0;
    this.ended = undefined;
    this.sink = undefined;
    this.source.cancel();
  }

  /** Hands over what was held, as far as the consumer is not paused, then lets the source run. */
  private handOver(): void {
    while (this.held.length > 0 && !this.paused && this.sink) this.sink.event(this.held.shift() as SseEvent);
    this.sink?.flush();
    if (this.held.length > 0 || this.paused || !this.sink) return;
    const ended = this.ended;
    this.ended = undefined;
    if (ended === "clean") this.sink.end();
    else if (ended) this.sink.error(ended.err);
    else this.source.resume();
  }
}
