import type { PoolTimeouts, ProviderKind, Target } from "../core/catalog.js";
import type { Operation } from "../core/context.js";
import type { GatewayError } from "../core/errors.js";
import type { JsonObject } from "../core/json.js";
import type { RequestSignal } from "../core/request-signal.js";
import type { EventStream } from "../core/event-stream.js";
import type { SseEvent } from "../core/reply.js";
import type { Usage } from "../core/usage.js";

export interface ProviderCall {
  readonly operation: Operation;
  /** Below the API root: `/chat/completions`, `/embeddings`, or an opened route's own path. */
  readonly path: string;
  /** The client's body; adapters copy it before they rewrite anything. */
  readonly body: JsonObject;
  readonly stream: boolean;
  readonly signal: RequestSignal;
  readonly requestId: string;
  /** The pool's; absent = the transport's defaults. `totalMs` is enforced by routing via `signal`. */
  readonly timeouts?: PoolTimeouts;
}

export type UpstreamResult =
  | {
      readonly kind: "json";
      readonly status: number;
      /** The provider's body, translated to OpenAI's shape when it is not already; bytes when passed on as they came. */
      readonly body: string | Buffer;
      /** `body` parsed, when the provider parsed it anyway: the audit reads the reply's text from it. */
      readonly json?: JsonObject;
      readonly usage: Usage | undefined;
      readonly headers: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "stream";
      /** OpenAI-shaped chunks, pushed once started; pausing it pauses the upstream (backpressure). */
      readonly events: EventStream;
      readonly headers: Readonly<Record<string, string>>;
    };

/**
 * Calls one target and hands back OpenAI-shaped results. Failures throw GatewayError; ones another
 * pool member might not have (429, 5xx, connection) are marked `retryable`.
 */
export interface Provider {
  readonly id: ProviderKind;
  send(call: ProviderCall, target: Target): Promise<UpstreamResult>;
}

/** What an HTTP provider adapter translates; the shared transport does the rest. */
export interface UpstreamRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface HttpAdapter {
  readonly id: ProviderKind;
  buildRequest(call: ProviderCall, target: Target): UpstreamRequest;
  parseError(status: number, body: string, headers: Readonly<Record<string, string>>): GatewayError;
  /** A JSON reply in the provider's own shape, as OpenAI's; absent when it is OpenAI's already. */
  parseReply?(body: JsonObject, call: ProviderCall, target: Target): JsonObject;
  /** A translator for one streamed call; absent when the events are OpenAI's already. */
  streamTranslator?(call: ProviderCall, target: Target): StreamTranslator;
}

/**
 * Turns a provider's own SSE events into OpenAI `chat.completion.chunk` events, one call at a time.
 * Stateful (ids, tool-call indexes, usage so far), so one per stream.
 */
export interface StreamTranslator {
  /**
   * One upstream event (`event:` name and `data:`): hands what the client gets to `emit` (zero or
   * more events) and answers true once the stream is complete. Throws GatewayError to fail it.
   */
  event(name: string | undefined, data: string, emit: (event: SseEvent) => void): boolean;
}
