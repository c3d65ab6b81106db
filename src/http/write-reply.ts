import type { ServerResponse } from "node:http";
import type { RequestContext } from "../core/context.js";
import { asGatewayError, type ErrorCode } from "../core/errors.js";
import type { Reply } from "../core/reply.js";

export interface WriteLog {
  error(obj: object, msg: string): void;
}

/**
 * Sends a reply. JSON goes out in one write; a stream goes event by event as the upstream yields
 * them, waiting for the socket to drain (backpressure). A failure after the first byte ends the
 * stream with an error event and no `[DONE]`. `finish` runs once either way, with what was seen.
 */
export async function writeReply(res: ServerResponse, reply: Reply, ctx: RequestContext, log: WriteLog): Promise<void> {
  const headers: Record<string, string | number> = { ...ctx.responseHeaders, ...reply.headers, "x-request-id": ctx.id };
  const events = reply.events;
  if (!events) {
    const body = reply.body ?? "";
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
  let firstByteMs: number | undefined;
  let errorCode: ErrorCode | undefined;
  let aborted = false;
  try {
    for await (const upstream of events) {
      if (res.destroyed) {
        aborted = true;
        break;
      }
      const event = reply.pass(upstream);
      let flowing = true;
      if (event !== undefined) {
        // Events parsed from one upstream read reach here in the same tick: corking until the
        // next tick sends them in one syscall instead of one each, without delaying any of them.
        if (res.writableCorked === 0) {
          res.cork();
          process.nextTick(uncork, res);
        }
        flowing = res.write(`data: ${event.data}\n\n`);
        firstByteMs ??= performance.now() - ctx.startedAtMs;
      }
      reply.seen(upstream);
      if (!flowing) await drained(res);
    }
    if (!aborted && !res.destroyed) await reply.ended();
    if (res.destroyed) aborted = true;
    else res.end("data: [DONE]\n\n");
  } catch (err) {
    if (res.destroyed || ctx.signal.aborted) {
      aborted = true;
    } else {
      const error = asGatewayError(err);
      errorCode = error.code;
      log.error({ requestId: ctx.id, code: error.code, cause: describe(error.detail.cause ?? err) }, "stream failed after the first byte");
      res.end(`data: ${JSON.stringify(error.toJSON())}\n\n`);
    }
  }
  reply.close();
  reply.finish(outcome(ctx, reply, 200, errorCode, true, firstByteMs, aborted));
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

function uncork(res: ServerResponse): void {
  res.uncork();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

export function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
