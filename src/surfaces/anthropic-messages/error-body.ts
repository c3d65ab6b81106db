import type { GatewayError } from "../../core/errors.js";

/** Anthropic's error `type` for a status, as its SDKs and Claude Code branch on it. */
const TYPE: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  503: "overloaded_error",
  504: "timeout_error",
};

/** Our error in Anthropic's shape; Atrium's stable `code` rides along inside `error`. */
export function errorBody(err: GatewayError): { type: "error"; error: { type: string; message: string; code: string } } {
  return { type: "error", error: { type: TYPE[err.status] ?? (err.status >= 500 ? "api_error" : "invalid_request_error"), message: err.message, code: err.code } };
}
