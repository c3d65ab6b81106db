import type { RequestContext } from "../core/context.js";
import type { GatewayError } from "../core/errors.js";
import type { JsonObject } from "../core/json.js";
import type { Reply, SseEvent } from "../core/reply.js";
import type { Usage } from "../core/usage.js";

/**
 * A client wire format other than OpenAI's (the internal model), as the HTTP layer meets it: the
 * client's body parsed into the internal request, and the reply, stream and errors rendered back.
 * OpenAI's own surfaces have none, and pay nothing for this.
 */
export interface ClientSurface {
  /** The client's body as an OpenAI chat completions body; throws GatewayError (400) naming what it cannot take. */
  parse(body: unknown): JsonObject;
  /** A JSON reply's body in the client's format. */
  json(reply: Reply): string;
  /** A renderer for one stream. */
  stream(ctx: RequestContext): StreamFrames;
  /** An error in the client's format. */
  error(err: GatewayError): string;
}

/** Frames one stream's events for the wire: each returns the text to write (possibly several events, or none). */
export interface StreamFrames {
  /** An OpenAI chunk, after the watchers passed it. */
  event(event: SseEvent): string;
  /** The upstream ended cleanly; `usage` is what metering settled on. Replaces `[DONE]`. */
  end(usage: Usage | undefined): string;
  /** The stream failed after its first byte. */
  error(err: unknown): string;
}
