import type { UsageRecord } from "../core/usage-record.js";

export interface InfoLog {
  info(obj: object, msg: string): void;
  isLevelEnabled(level: string): boolean;
}

/**
 * One line per request at info, from its usage record: who, what served it, how it went, what it
 * cost in tokens. Built from the record alone, so credentials, headers and bodies cannot reach it.
 */
export function accessLog(log: InfoLog, r: UsageRecord): void {
  if (!log.isLevelEnabled("info")) return;
  log.info(
    {
      requestId: r.requestId,
      consumer: r.consumer,
      environment: r.environment,
      deployment: r.outsideName,
      platformDeployment: r.platformDeployment,
      target: r.target,
      status: r.status,
      code: r.errorCode,
      latencyMs: r.latencyMs,
      ttftMs: r.streamed ? r.firstByteMs : undefined,
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      totalTokens: r.totalTokens,
      usageSource: r.usageSource,
      streamed: r.streamed,
      aborted: r.aborted || undefined,
      attempts: r.attempts,
    },
    "request",
  );
}
