/** Stable error codes: logs, metrics, tests and clients match on these, never on messages. */
export type ErrorCode =
  | "invalid_request"
  | "invalid_json"
  | "unsupported_media_type"
  | "request_too_large"
  /** The client stopped sending its request body (408). */
  | "request_timeout"
  | "unsupported_api_version"
  | "invalid_api_key"
  | "permission_denied"
  | "deployment_not_live"
  | "model_not_found"
  | "route_not_found"
  /** An admin API object (a key, a consumer) that does not exist. */
  | "not_found"
  | "method_not_allowed"
  | "rate_limited"
  | "budget_exceeded"
  /** A hard budget not spent, but held by requests in flight: retry shortly. */
  | "budget_busy"
  | "content_blocked"
  /** Atrium's own content-safety level refused the prompt (docs/safety.md). */
  | "content_filter"
  | "upstream_error"
  | "upstream_timeout"
  | "service_unavailable"
  | "internal";

export const STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_request: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  request_too_large: 413,
  request_timeout: 408,
  unsupported_api_version: 400,
  invalid_api_key: 401,
  permission_denied: 403,
  deployment_not_live: 403,
  model_not_found: 404,
  route_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  rate_limited: 429,
  budget_exceeded: 403,
  budget_busy: 429,
  content_blocked: 400,
  content_filter: 400,
  upstream_error: 502,
  upstream_timeout: 504,
  service_unavailable: 503,
  internal: 500,
};

/** The `type` field OpenAI puts beside `code`; SDKs branch on the HTTP status, people read this. */
const TYPE: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  405: "invalid_request_error",
  408: "invalid_request_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  429: "rate_limit_error",
};

export interface ErrorDetail {
  readonly param?: string;
  /** Extra response headers, e.g. retry-after on 429. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides STATUS[code], e.g. a 429 from every pool member versus our own 429. */
  readonly status?: number;
  /** Another pool member might succeed where this one failed (429, 5xx, connection). */
  readonly retryable?: boolean;
  /** When the failing member (or the gateway) expects capacity back. */
  readonly retryAfterMs?: number;
  /**
   * The member took the connection and the request but did not answer in time (first-byte or
   * idle timeout): it may be slow for this request rather than down (see routing/dispatch).
   */
  readonly slowAnswer?: boolean;
  /** Pool members tried before routing gave up (for the usage record). */
  readonly attempts?: number;
  /** Kept for logs only; never sent to the client. */
  readonly cause?: unknown;
  /** Extra fields of the error object a surface expects (Azure's `innererror`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export class GatewayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail: ErrorDetail = {},
  ) {
    super(message);
    this.name = "GatewayError";
  }

  get status(): number {
    return this.detail.status ?? STATUS[this.code];
  }

  get type(): string {
    return TYPE[this.status] ?? "api_error";
  }

  toJSON(): { error: { message: string; type: string; param: string | null; code: string } } {
    const error = { message: this.message, type: this.type, param: this.detail.param ?? null, code: this.code };
    return { error: this.detail.extra === undefined ? error : Object.assign(error, this.detail.extra) };
  }
}

/** Anything thrown that is not ours becomes `internal`: its details are logged, never sent. */
export function asGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  return new GatewayError("internal", "The gateway failed to handle this request.", { cause: err });
}
