import { errors } from "undici";
import { GatewayError } from "../core/errors.js";

/** Maps a socket-level failure to our codes; every one of them may succeed on another member. */
export function transportError(err: unknown, signal: AbortSignal): GatewayError {
  if (signal.aborted) return new GatewayError("upstream_error", "The request was cancelled.", { cause: err });
  if (
    err instanceof errors.HeadersTimeoutError ||
    err instanceof errors.BodyTimeoutError ||
    err instanceof errors.ConnectTimeoutError
  ) {
    return new GatewayError("upstream_timeout", "The upstream did not answer in time.", { retryable: true, cause: err });
  }
  return new GatewayError("upstream_error", "The gateway could not reach the upstream.", { retryable: true, cause: err });
}
