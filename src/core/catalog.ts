/**
 * The runtime shapes config resolves into: what a request is matched against and routed to.
 * They live in core so that policies, routing and providers share them without importing config.
 */
export type Environment = "dev" | "test" | "prod";
export const ENVIRONMENTS: readonly Environment[] = ["dev", "test", "prod"];

export type ProviderKind = "sim" | "openai" | "azure-openai" | "openai-compatible" | "anthropic";

export interface SimSettings {
  readonly latencyMs: number;
  /** 0 streams as fast as the client reads. */
  readonly tokensPerSecond: number;
  readonly embeddingDimensions: number;
}

/** An OAuth 2.0 client-credentials grant (Entra ID): the platform's own identity upstream. */
export interface ClientCredentials {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
}

export interface Resource {
  readonly id: string;
  readonly provider: ProviderKind;
  /** Base URL; absent only for `sim`. */
  readonly endpoint: string | undefined;
  readonly apiKey: string | undefined;
  /** Client credentials to get a bearer token with, instead of `apiKey` (azure-openai + Entra ID). */
  readonly entra?: ClientCredentials | undefined;
  /** api-version sent upstream to azure-openai resources; `anthropic-version` to anthropic ones. */
  readonly apiVersion: string;
  readonly sim: SimSettings;
}

export interface Deployment {
  readonly file: string;
  readonly resource: string;
  readonly name: string;
  readonly type: "PTU" | "PAYG";
  readonly model: string;
  readonly modelVersion: string | undefined;
  /** `model` sent to openai and openai-compatible resources: the file's `upstreamModel`, else `name`. */
  readonly upstreamModel?: string | undefined;
  readonly tokensPerMinute: number;
}

/** One pool member able to serve one platform deployment. */
export interface Target {
  /** `resource/deployment`, used in headers, metrics and usage records. */
  readonly id: string;
  readonly resource: Resource;
  readonly deployment: Deployment;
  readonly priority: number;
  readonly weight: number;
  /** Rank of (priority, then PTU before PAYG when the pool says so): lower is tried first. */
  readonly tier: number;
}

export interface PoolTimeouts {
  readonly connectMs: number;
  /** Until the response headers arrive. */
  readonly firstByteMs: number;
  /** Longest silence between two body chunks (for streams: also headers → first event). */
  readonly idleMs: number;
  /** Hard cap on the whole exchange, streams included; undefined = none. */
  readonly totalMs: number | undefined;
}

/** A pool's failover settings (atrium.yaml `pools.<name>`); its members are on `Route.targets`. */
export interface Pool {
  readonly name: string;
  readonly maxAttempts: number;
  /** No new attempt starts this long after the request arrived. */
  readonly deadlineMs: number;
  readonly timeouts: PoolTimeouts;
  readonly breaker: { readonly failures: number; readonly windowMs: number; readonly cooldownMs: number };
  readonly ptuFirst: boolean;
}

export interface EnvironmentGrant {
  readonly tokensPerMinute: number;
  /** Epoch ms from which the model is callable in this environment. */
  readonly liveAtMs: number;
}

/** A consumer's outside deployment name, resolved to what serves it. */
export interface Route {
  readonly consumer: string;
  readonly outsideName: string;
  readonly platformDeployment: string;
  readonly pool: string;
  readonly poolSettings: Pool;
  readonly model: string;
  readonly contentSafety: string | undefined;
  readonly environments: Readonly<Partial<Record<Environment, EnvironmentGrant>>>;
  readonly targets: readonly Target[];
}

/** How much of a request the audit log keeps. */
export type LoggingMode = "metadata" | "redacted" | "full" | "off";

/** A monthly cost budget, in the price book's currency (`monthlyUsd` in config). */
export interface Budget {
  readonly monthlyUsd: number;
  /** Hard: refuse requests (403 budget_exceeded) once spent; soft: alert only. */
  readonly hard: boolean;
  /** Receives one POST per month per threshold crossed; its origin is in egress.allowHosts. */
  readonly alertWebhook: string | undefined;
  /** Fractions of monthlyUsd that alert, e.g. [0.8, 1]. */
  readonly alertAt: readonly number[];
}

/** A consumer's product tier (tiers/*.yaml, with atrium.yaml overrides applied); see docs/limits.md. */
export interface ConsumerTier {
  readonly name: string;
  readonly requestsPerMinute: number | undefined;
  /** Completion tokens reserved for chat/completions requests that set no max_tokens. */
  readonly defaultMaxTokens: number | undefined;
  readonly loggingMode: LoggingMode;
  /** Models (deployment `model` names) this consumer may call; undefined = any. */
  readonly allowedModels: readonly string[] | undefined;
  readonly budget: Budget | undefined;
}

export interface Consumer {
  readonly name: string;
  readonly costCentre: string;
  readonly contactEmail: string | undefined;
  readonly appIds: readonly string[];
  /** By outside deployment name. */
  readonly routes: ReadonlyMap<string, Route>;
  readonly tier: ConsumerTier;
}
