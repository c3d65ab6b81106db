/**
 * The runtime shapes config resolves into: what a request is matched against and routed to.
 * They live in core so that policies, routing and providers share them without importing config.
 */
export type Environment = "dev" | "test" | "prod";
export const ENVIRONMENTS: readonly Environment[] = ["dev", "test", "prod"];

export type ProviderKind = "sim" | "openai" | "azure-openai" | "openai-compatible";

export interface SimSettings {
  readonly latencyMs: number;
  /** 0 streams as fast as the client reads. */
  readonly tokensPerSecond: number;
  readonly embeddingDimensions: number;
}

export interface Resource {
  readonly id: string;
  readonly provider: ProviderKind;
  /** Base URL; absent only for `sim`. */
  readonly endpoint: string | undefined;
  readonly apiKey: string | undefined;
  /** api-version sent upstream to azure-openai resources. */
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
  readonly model: string;
  readonly contentSafety: string | undefined;
  readonly environments: Readonly<Partial<Record<Environment, EnvironmentGrant>>>;
  readonly targets: readonly Target[];
}

export interface Consumer {
  readonly name: string;
  readonly costCentre: string;
  readonly contactEmail: string | undefined;
  readonly appIds: readonly string[];
  /** By outside deployment name. */
  readonly routes: ReadonlyMap<string, Route>;
}
