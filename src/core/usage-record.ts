import type { ErrorCode } from "./errors.js";

/** One row per request that got a response: the unit of metering and chargeback. */
export interface UsageRecord {
  readonly requestId: string;
  readonly atMs: number;
  readonly consumer: string | undefined;
  readonly costCentre: string | undefined;
  readonly environment: string;
  readonly outsideName: string | undefined;
  readonly platformDeployment: string | undefined;
  readonly target: string | undefined;
  readonly model: string | undefined;
  readonly modelVersion: string | undefined;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly totalTokens: number;
  readonly usageSource: "provider" | "tokenizer" | "none";
  readonly status: number;
  readonly errorCode: ErrorCode | undefined;
  readonly latencyMs: number;
  readonly firstByteMs: number | undefined;
  readonly streamed: boolean;
  readonly aborted: boolean;
  readonly attempts: number;
}

export interface UsageSink {
  write(record: UsageRecord): void;
}
