import type { Environment } from "../core/catalog.js";
import type { RequestContext } from "../core/context.js";
import { asGatewayError } from "../core/errors.js";
import type { Policy } from "../core/policy.js";
import type { Outcome, Reply } from "../core/reply.js";
import type { UsageRecord, UsageSink } from "../core/usage-record.js";
import { jsonUsage } from "./json-usage.js";
import { recordId } from "../core/record-id.js";
import { bounded } from "../core/bounded.js";
import { usageTap } from "./usage-tap.js";

/** Sees each request once its record exists (traces); must not throw or block. */
export type RequestObserver = (ctx: RequestContext, record: UsageRecord) => void;

/**
 * Outermost policy: every request that gets a response leaves exactly one usage record, errors
 * included. The record is handed to the sink before the response is complete, and a sink's
 * promise (the outbox's write-ahead) is awaited first: an error or JSON reply is sent only after
 * it, a stream's final `[DONE]` only after it. So a process killed at any moment has a record for
 * every response a client received whole. Aborted and failed streams are recorded when they end.
 */
export function meterPolicy(sink: UsageSink, environment: Environment, observe?: RequestObserver): Policy {
  return async (ctx, next) => {
    const id = recordId();
    let reply: Reply;
    try {
      reply = await next(ctx);
    } catch (err) {
      const error = asGatewayError(err);
      const now = performance.now() - ctx.startedAtMs;
      const r = record(id, ctx, environment, undefined, {
        status: error.status,
        errorCode: error.code,
        usage: undefined,
        streamed: false,
        firstByteMs: undefined,
        durationMs: now,
        aborted: ctx.signal.aborted,
        target: undefined,
        attempts: error.detail.attempts ?? 0,
      });
      observe?.(ctx, r);
      await sink.write(r, ctx.client);
      throw err;
    }
    const model = ctx.route?.model ?? "";
    let written = false;
    const write = (o: Outcome): void | Promise<void> => {
      if (written) return;
      written = true;
      const r = record(id, ctx, environment, reply, o);
      observe?.(ctx, r);
      return sink.write(r, ctx.client);
    };
    if (reply.isStream) {
      let firstByteMs: number | undefined;
      reply.watch(
        usageTap(ctx, model, reply, {
          first: () => (firstByteMs = performance.now() - ctx.startedAtMs),
          end: () => write(ended(ctx, reply, 200, true, firstByteMs)),
        }),
      );
    } else {
      reply.usage ??= jsonUsage(ctx, reply.bodyText(), model);
      const now = performance.now() - ctx.startedAtMs;
      await write(ended(ctx, reply, reply.status, false, now));
    }
    // Aborted or broken streams: the writer reports how they ended.
    reply.onFinish((o) => void write(o));
    return reply;
  };
}

function ended(ctx: RequestContext, reply: Reply, status: number, streamed: boolean, firstByteMs: number | undefined): Outcome {
  return {
    status,
    errorCode: undefined,
    usage: reply.usage,
    streamed,
    firstByteMs,
    durationMs: performance.now() - ctx.startedAtMs,
    aborted: false,
    target: reply.target,
    attempts: reply.attempts,
  };
}

function record(id: string, ctx: RequestContext, environment: Environment, reply: Reply | undefined, o: Outcome): UsageRecord {
  const route = ctx.route;
  const consumer = ctx.identity?.consumer;
  const target = o.target ?? reply?.target;
  const deployment = target === undefined ? undefined : route?.targets.find((t) => t.id === target)?.deployment;
  const usage = o.usage;
  const r: UsageRecord = {
    id,
    requestId: ctx.id,
    atMs: Date.now(),
    consumer: consumer?.name,
    costCentre: consumer?.costCentre,
    environment,
    // The caller's own text when nothing resolved it: bounded, it reaches logs and the store.
    outsideName: route?.outsideName ?? (ctx.outsideName === "" ? undefined : bounded(ctx.outsideName)),
    platformDeployment: route?.platformDeployment,
    target,
    deploymentType: deployment?.type,
    model: deployment?.model ?? route?.model,
    modelVersion: deployment?.modelVersion,
    promptTokens: usage?.promptTokens ?? 0,
    completionTokens: usage?.completionTokens ?? 0,
    cachedTokens: usage?.cachedTokens ?? 0,
    totalTokens: usage?.totalTokens ?? 0,
    usageSource: usage?.source ?? "none",
    status: o.status,
    errorCode: o.errorCode,
    latencyMs: Math.round(o.durationMs * 1000) / 1000,
    firstByteMs: o.firstByteMs === undefined ? undefined : Math.round(o.firstByteMs * 1000) / 1000,
    streamed: o.streamed,
    aborted: o.aborted,
    attempts: o.attempts,
  };
  // Only requests content safety acted on carry the field, so every other record keeps one shape.
  return ctx.safety === undefined ? r : Object.assign(r, { safety: [...new Set(ctx.safety)] });
}
