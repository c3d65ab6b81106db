import type { ClientInfo } from "./context.js";
import type { ErrorCode } from "./errors.js";

/** One row per request that got a response: the unit of metering and chargeback. */
export interface UsageRecord {
  /** Minted by the gateway, unique per record: outbox and store de-duplicate on it. */
  readonly id: string;
  /** The x-request-id the client saw; a client may reuse one, so it is not a key. */
  readonly requestId: string;
  readonly atMs: number;
  readonly consumer: string | undefined;
  readonly costCentre: string | undefined;
  readonly environment: string;
  readonly outsideName: string | undefined;
  readonly platformDeployment: string | undefined;
  readonly target: string | undefined;
  /** The serving deployment's type when the request was served: chargeback prices PTU and PAYG apart. */
  readonly deploymentType: "PTU" | "PAYG" | undefined;
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
  /** Content-safety categories acted on (`input:jailbreak`, `output:exfiltration`); absent when none. Never text. */
  readonly safety?: readonly string[];
}

export interface UsageSink {
  /** A promise resolves once the record is durable (written ahead); it never rejects. */
  /** `client` is for the access log: it is not part of the record and is never stored. */
  write(record: UsageRecord, client?: ClientInfo): void | Promise<void>;
}
