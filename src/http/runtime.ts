import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config/config.js";
import type { Identity, RequestContext } from "../core/context.js";
import type { Next } from "../core/policy.js";
import type { HttpRejection } from "../observability/access-log.js";

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
  /**
   * A request the HTTP layer refused before the policy chain (unknown route, wrong method, a body
   * that is not JSON or too large, no credential): it has no usage record, so this counts and logs it.
   */
  rejected?(rejection: HttpRejection): void;
}

