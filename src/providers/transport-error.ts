import { errors } from "../net/undici.js";
import { GatewayError } from "../core/errors.js";
import type { RequestSignal } from "../core/request-signal.js";

/** Why routing aborted a request's signal when the pool's `timeouts.totalMs` ran out. */
export const TOTAL_TIMEOUT = "TotalTimeout";

/**
 * Maps a socket-level failure to our codes. Timeouts and connection failures may succeed on another
 * member; a cancelled request (client gone) or a spent total deadline will not, on any member.
 */
export function transportError(err: unknown, signal: RequestSignal): GatewayError {
  if (err instanceof GatewayError) return err;
  if (signal.aborted) {
    if (signal.reason instanceof Error && signal.reason.name === TOTAL_TIMEOUT) {
      return new GatewayError("upstream_timeout", "The request exceeded the pool's total time limit.", { cause: err });
    }
    return new GatewayError("upstream_error", "The request was cancelled.", { cause: err });
  }
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError) {
    return new GatewayError("upstream_timeout", "The upstream did not answer in time.", { retryable: true, slowAnswer: true, cause: err });
  }
  if (err instanceof errors.ConnectTimeoutError) {
    return new GatewayError("upstream_timeout", "The upstream did not answer in time.", { retryable: true, cause: err });
  }
  return new GatewayError("upstream_error", "The gateway could not reach the upstream.", { retryable: true, cause: err });
}
