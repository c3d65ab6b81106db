import type { Consumer, Environment, Route } from "./catalog.js";
import type { JsonObject } from "./json.js";
import type { RequestSignal } from "./request-signal.js";

/** The client wire format: OpenAI's, Azure OpenAI's deployment routes, or Anthropic's Messages API. */
export type Surface = "openai" | "azure" | "anthropic";
/** `passthrough` is a restricted route (images, audio, …) that config opened on purpose. */
export type Operation = "chat" | "completions" | "embeddings" | "passthrough";

export interface Credential {
  /** `api-key` (or, on the Anthropic surface, `x-api-key`) header, or the bearer token of `Authorization`. */
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

/** Who is on the other end of the socket, for the access log only (never stored or sent on). */
export interface ClientInfo {
  /** The peer address (a proxy's, behind one: X-Forwarded-For is not trusted). */
  readonly ip: string | undefined;
  /** At most 200 characters. */
  readonly userAgent: string | undefined;
}

export interface RequestContext {
  readonly id: string;
  readonly surface: Surface;
  readonly operation: Operation;
  readonly apiVersion: string | undefined;
  readonly credential: Credential | undefined;
  /**
   * Reads, parses and checks the body into the four fields below. Called once, by the body
   * policy right after auth: nothing a caller sends is read before its credential is verified.
   */
  readonly loadBody: (ctx: RequestContext) => Promise<void>;
  /** The client's body, parsed once (empty until loadBody). Policies read it; only routing rewrites a copy. */
  body: JsonObject;
  /** The deployment the caller names: from the path (Azure) at once, from the body's `model` after loadBody. */
  outsideName: string;
  /** The operation's path below the API root, e.g. `/chat/completions`. */
  readonly operationPath: string;
  stream: boolean;
  /** The client asked for the final usage chunk (`stream_options.include_usage`). */
  clientWantsUsage: boolean;
  readonly startedAtMs: number;
  readonly signal: RequestSignal;
  readonly client?: ClientInfo | undefined;
  identity: Identity | undefined;
  /** Prompt tokens by the tokenizer, computed once by whoever needs it first (limits, meter). */
  promptTokenEstimate: number | undefined;
  route: Route | undefined;
  /** Content-safety categories found (`input:jailbreak`, `output:secret`); set only when the safety policy found something. */
  safety?: string[];
  /** Headers policies add to whatever response goes out, error or not (rate-limit headers). */
  readonly responseHeaders: Record<string, string>;
}
