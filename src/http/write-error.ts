import type { ServerResponse } from "node:http";
import type { GatewayError } from "../core/errors.js";
import type { ClientSurface } from "../surfaces/surface.js";

/** Renders our one error shape with its status; after the headers went out there is nothing to say. */
export function writeError(res: ServerResponse, error: GatewayError, requestId: string, headers: Readonly<Record<string, string>> = {}, surface?: ClientSurface): void {
  if (res.headersSent || res.destroyed) {
    if (!res.writableEnded) res.end();
    return;
  }
  const body = surface ? surface.error(error) : JSON.stringify(error.toJSON());
  // Object.assign rather than a spread with keys after it: see write-reply.ts.
  const out: Record<string, string | number> = Object.assign({}, headers, error.detail.headers);
  out["content-type"] = "application/json";
  out["content-length"] = Buffer.byteLength(body);
  out["x-request-id"] = requestId;
  // Refusing a body we did not read (too large, or a caller refused before it): closing beats
  // draining megabytes we will never use.
  if (error.code === "request_too_large" || bodyUnread(res)) out["connection"] = "close";
  res.writeHead(error.status, out);
  res.end(body);
}

export function writeJson(res: ServerResponse, status: number, value: unknown, requestId: string): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-request-id": requestId });
  res.end(body);
}

function bodyUnread(res: ServerResponse): boolean {
  const req = res.req as ServerResponse["req"] | undefined;
  if (req === undefined || req.complete) return false;
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
