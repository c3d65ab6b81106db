import type { Environment } from "../core/catalog.js";
import type { RequestContext } from "../core/context.js";
import { asGatewayError } from "../core/errors.js";
import type { Policy } from "../core/policy.js";
import type { Outcome, Reply } from "../core/reply.js";
import type { UsageRecord, UsageSink } from "../core/usage-record.js";
import { usageTap } from "./usage-tap.js";

/**
 * Outermost policy: every request that gets a response leaves exactly one usage record, errors
 * included. Streams are tapped for usage; the record is written once the last byte went out.
 */
export function meterPolicy(sink: UsageSink, environment: Environment): Policy {
  return async (ctx, next) => {
    let reply: Reply;
    try {
      reply = await next(ctx);
    } catch (err) {
      const error = asGatewayError(err);
      sink.write(record(ctx, environment, undefined, {
        status: error.status,
        errorCode: error.code,
        usage: undefined,
        streamed: false,
        firstByteMs: undefined,
        durationMs: performance.now() - ctx.startedAtMs,
        aborted: ctx.signal.aborted,
        target: undefined,
        attempts: 0,
      }));
      throw err;
    }
    const model = ctx.route?.model ?? "";
    if (reply.isStream) reply.tap(usageTap(ctx, model));
    reply.onFinish((outcome) => sink.write(record(ctx, environment, reply, outcome)));
    return reply;
  };
}

function record(ctx: RequestContext, environment: Environment, reply: Reply | undefined, o: Outcome): UsageRecord {
  const route = ctx.route;
  const consumer = ctx.identity?.consumer;
  const deployment = route?.targets.find((t) => t.id === o.target)?.deployment;
  const usage = o.usage;
  return {
    requestId: ctx.id,
    atMs: Date.now(),
    consumer: consumer?.name,
    costCentre: consumer?.costCentre,
    environment,
    outsideName: route?.outsideName ?? (ctx.outsideName || undefined),
    platformDeployment: route?.platformDeployment,
    target: o.target ?? reply?.target,
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
}
