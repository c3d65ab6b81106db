import type { ClientInfo } from "../core/context.js";
import type { UsageRecord } from "../core/usage-record.js";

export interface InfoLog {
  info(obj: object, msg: string): void;
  isLevelEnabled(level: string): boolean;
}

/**
 * One line per request at info, from its usage record: who, what served it, how it went, what it
 * cost in tokens, and the peer address and user agent. Built from the record and those two, so
 * credentials, other headers and bodies cannot reach it.
 */
export function accessLog(log: InfoLog, r: UsageRecord, client?: ClientInfo): void {
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
      clientIp: client?.ip,
      userAgent: client?.userAgent,
    },
    "request",
  );
}

/** A request the HTTP layer refused before the policy chain. */
export interface HttpRejection {
  readonly requestId: string;
  readonly method: string;
  /** Without the query string, bounded (core/bounded.ts). */
  readonly path: string;
  readonly status: number;
  readonly code: string;
  readonly clientIp?: string | undefined;
  readonly userAgent?: string | undefined;
}

/**
 * The access line of a request refused before the policy chain: no consumer or deployment is
 * known yet, so it names the method and path (query string removed) with the status and code.
 */
export function rejectionLog(log: InfoLog, r: HttpRejection): void {
  if (!log.isLevelEnabled("info")) return;
  log.info({ requestId: r.requestId, method: r.method, path: r.path, status: r.status, code: r.code, clientIp: r.clientIp, userAgent: r.userAgent }, "request");
}
