import type { SseEvent } from "./reply.js";

/**
 * Where a stream delivers: events as they arrive, each batch closed by `flush`, then exactly one
 * of `end` or `error`.
 */
export interface EventSink {
  event(event: SseEvent): void;
  /**
   * The events since the last flush are all the source has for now (those one upstream read
   * brought): the writer sends them in one write, in this tick.
   */
  flush(): void;
  /** The upstream ended cleanly (its `[DONE]` came). */
  end(): void;
  /** The stream failed; nothing follows. */
  error(err: unknown): void;
}

/**
 * A stream of OpenAI-shaped events pushed to one sink as the upstream sends them: no promise per
 * event. `pause` stops reading the upstream (events already parsed from its last read still come),
 * so backpressure from the client reaches the upstream socket. After `cancel` nothing is delivered.
 */
export interface EventStream {
  start(sink: EventSink): void;
  pause(): void;
  resume(): void;
  cancel(): void;
}

/**
 * An EventStream over an async iterable, for sources that are not on the hot path (the simulated
 * model): pulls one event at a time, waits while paused, and returns the iterator on cancel.
 */
export function eventStreamFrom(events: AsyncIterable<SseEvent>): EventStream {
  const it = events[Symbol.asyncIterator]();
  let cancelled = false;
  let paused = false;
  let wake: (() => void) | undefined;
  const pump = async (sink: EventSink): Promise<void> => {
    try {
      for (;;) {
        while (paused && !cancelled) await new Promise<void>((resolve) => (wake = resolve));
        if (cancelled) return;
        const next = await it.next();
        if (cancelled) return;
        if (next.done) return sink.end();
        sink.event(next.value);
        sink.flush();
      }
    } catch (err) {
      if (!cancelled) sink.error(err);
    }
  };
  const release = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    start(sink) {
      void pump(sink);
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      release();
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      release();
      void it.return?.().catch(() => undefined);
    },
  };
}
