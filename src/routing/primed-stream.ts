import type { SseEvent } from "../core/reply.js";

/**
 * Reads a stream's first event before the reply is committed, so a stream that fails before its
 * first byte can still fail over to another member. Afterwards it yields that event, then the rest;
 * `onError` hears of a failure after that point (the member broke mid-stream) before it propagates.
 */
export async function primed(events: AsyncIterable<SseEvent>, onError?: (err: unknown) => void): Promise<AsyncIterable<SseEvent>> {
  const it = events[Symbol.asyncIterator]();
  const first = await it.next();
  const report = (err: unknown): never => {
    onError?.(err);
    throw err;
  };
  return {
    [Symbol.asyncIterator](): AsyncIterator<SseEvent> {
      let pending: IteratorResult<SseEvent> | undefined = first;
      return {
        next(): Promise<IteratorResult<SseEvent>> {
          if (pending) {
            const r = pending;
            pending = undefined;
            return Promise.resolve(r);
          }
          return onError ? it.next().then(undefined, report) : it.next();
        },
        return(value?: unknown): Promise<IteratorResult<SseEvent>> {
          pending = undefined;
          return it.return ? it.return(value) : Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
}
