import type { Consumer, Environment, Route } from "./catalog.js";
import type { JsonObject } from "./json.js";
import type { RequestSignal } from "./request-signal.js";

export type Surface = "openai" | "azure";
/** `passthrough` is a restricted route (images, audio, …) that config opened on purpose. */
export type Operation = "chat" | "completions" | "embeddings" | "passthrough";

export interface Credential {
  /** `api-key` header, or the bearer token of `Authorization`. */
  readonly scheme: "api-key" | "bearer";
  readonly value: string;
}

export interface Identity {
  readonly consumer: Consumer;
  readonly environment: Environment;
  readonly via: "key" | "jwt";
  readonly roles: readonly string[];
  /** Key id or token subject: safe to log, unlike the credential. */
  readonly subject: string;
}

export interface RequestContext {
  readonly id: string;
  readonly surface: Surface;
  readonly operation: Operation;
  readonly apiVersion: string | undefined;
  readonly credential: Credential | undefined;
  /** The client's body, parsed once. Policies read it; only routing rewrites a copy. */
  readonly body: JsonObject;
  readonly outsideName: string;
  /** The operation's path below the API root, e.g. `/chat/completions`. */
  readonly operationPath: string;
  readonly stream: boolean;
  /** The client asked for the final usage chunk (`stream_options.include_usage`). */
  readonly clientWantsUsage: boolean;
  readonly startedAtMs: number;
  readonly signal: RequestSignal;
  identity: Identity | undefined;
  /** Prompt tokens by the tokenizer, computed once by whoever needs it first (limits, meter). */
  promptTokenEstimate: number | undefined;
  route: Route | undefined;
  /** Content-safety categories found (`input:jailbreak`, `output:secret`); set only when the safety policy found something. */
  safety?: string[];
  /** Headers policies add to whatever response goes out, error or not (rate-limit headers). */
  readonly responseHeaders: Record<string, string>;
}
