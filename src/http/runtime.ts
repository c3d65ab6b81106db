import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config/config.js";
import type { Identity, RequestContext } from "../core/context.js";
import type { Next } from "../core/policy.js";

/** What the HTTP layer serves from; replaced whole when config reloads. */
export interface Runtime {
  readonly config: Config;
  /** meter → auth → resolve → limit → … → dispatch. */
  readonly pipeline: Next;
  /** Auth alone, for routes that need a caller but no model (e.g. /v1/models). */
  identify(ctx: RequestContext): Promise<Identity>;
}

export interface HttpDeps {
  runtime(): Runtime;
  ready(): Promise<boolean>;
  metrics?(): Promise<{ contentType: string; body: string }>;
  admin?(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void>;
}
