import type { ServerResponse } from "node:http";
import type { RequestContext } from "../core/context.js";
import { asGatewayError, type ErrorCode } from "../core/errors.js";
import type { EventStream } from "../core/event-stream.js";
import type { Reply } from "../core/reply.js";
import type { ClientSurface, StreamFrames } from "../surfaces/surface.js";

export interface WriteLog {
  error(obj: object, msg: string): void;
}

/**
 * Sends a reply. JSON goes out in one write; a stream goes event by event as the upstream pushes
 * them, pausing it while the socket drains (backpressure). A failure after the first byte ends the
 * stream with an error event and no `[DONE]`. `finish` runs once either way, with what was seen.
 */
export async function writeReply(res: ServerResponse, reply: Reply, ctx: RequestContext, log: WriteLog, surface?: ClientSurface): Promise<void> {
  // Object.assign, not `{ ...a, ...b, key }`: on Node 20 the spread form makes a new hidden class
  // per call (~1.5 µs more, and every later read of the object misses the inline caches).
  const headers: Record<string, string | number> = Object.assign({}, ctx.responseHeaders, reply.headers);
  headers["x-request-id"] = ctx.id;
  const events = reply.events;
  if (!events) {
    const body = surface ? surface.json(reply) : (reply.body ?? "");
    headers["content-type"] = "application/json";
    headers["content-length"] = Buffer.byteLength(body);
    res.writeHead(reply.status, headers);
    res.end(body);
    const firstByteMs = performance.now() - ctx.startedAtMs;
    reply.finish(outcome(ctx, reply, reply.status, undefined, false, firstByteMs, res.destroyed && !res.writableFinished));
    return;
  }
  headers["content-type"] = "text/event-stream; charset=utf-8";
  headers["cache-control"] = "no-cache";
  headers["x-accel-buffering"] = "no";
  res.writeHead(200, headers);
  const { firstByteMs, errorCode, aborted } = await pump(res, reply, events, ctx, log, surface?.stream(ctx));
  reply.close();
  reply.finish(outcome(ctx, reply, 200, errorCode, true, firstByteMs, aborted));
}

interface Pumped {
  firstByteMs: number | undefined;
  errorCode: ErrorCode | undefined;
  aborted: boolean;
}

/**
 * Writes the events of each upstream read in the tick it brought them, through the watchers, as
 * one write; a full socket pauses the stream until it drains. Resolves once the stream is over:
 * `[DONE]` written after the watchers' `end`, an error event written, or the client gone (the
 * upstream is then cancelled).
 */
function pump(res: ServerResponse, reply: Reply, events: EventStream, ctx: RequestContext, log: WriteLog, frames: StreamFrames | undefined): Promise<Pumped> {
  return new Promise((resolve) => {
    const state: Pumped = { firstByteMs: undefined, errorCode: undefined, aborted: false };
    let over = false;
    /**
     * The events of the read being handled, framed. One write per read, not per event: each
     * `res.write` costs its own chunk framing, four buffered pieces and a string to encode, and a
     * read of a fast upstream holds several events. Nothing waits: the source flushes before its
     * read's tick ends, and node sends what was written in a tick in one syscall at its end.
     */
    let pending = "";
    const write = (): void => {
      if (pending === "") return;
      const out = pending;
      pending = "";
      if (res.destroyed) return;
      if (!res.write(out)) events.pause();
      state.firstByteMs ??= performance.now() - ctx.startedAtMs;
    };
    const done = (): void => {
      if (over) return;
      over = true;
      res.off("close", onClose);
      res.off("drain", onDrain);
      resolve(state);
    };
    const fail = (err: unknown): void => {
      if (over) return;
      if (res.destroyed || ctx.signal.aborted) {
        state.aborted = true;
      } else {
        // Events that came before the failure go out before its error event.
        write();
        const error = asGatewayError(err);
        state.errorCode = error.code;
        log.error({ requestId: ctx.id, code: error.code, cause: describe(error.detail.cause ?? err) }, "stream failed after the first byte");
        res.end(frames ? frames.error(error) : `data: ${JSON.stringify(error.toJSON())}\n\n`);
      }
      done();
    };
    const onClose = (): void => {
      if (over || res.writableFinished) return;
      // The client went away: stop reading the upstream.
      state.aborted = true;
      events.cancel();
      done();
    };
    const onDrain = (): void => events.resume();
    res.on("close", onClose);
    res.on("drain", onDrain);
    events.start({
      event(upstream) {
        if (over) return;
        if (res.destroyed) return onClose();
        try {
          const event = reply.pass(upstream);
          if (event !== undefined) pending += frames ? frames.event(event) : `data: ${event.data}\n\n`;
          reply.seen(upstream);
        } catch (err) {
          events.cancel();
          fail(err);
        }
      },
      flush() {
        if (over) return;
        if (res.destroyed) return onClose();
        write();
      },
      end() {
        if (over) return;
        write();
        reply.ended().then(
          () => {
            if (over) return;
            if (res.destroyed) state.aborted = true;
            else res.end(frames ? frames.end(reply.usage) : "data: [DONE]\n\n");
            done();
          },
          fail,
        );
      },
      error: fail,
    });
  });
}

function outcome(ctx: RequestContext, reply: Reply, status: number, errorCode: ErrorCode | undefined, streamed: boolean, firstByteMs: number | undefined, aborted: boolean) {
  return {
    status,
    errorCode,
    usage: reply.usage,
    streamed,
    firstByteMs,
    durationMs: performance.now() - ctx.startedAtMs,
    aborted,
    target: reply.target,
    attempts: reply.attempts,
  };
}

export function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
