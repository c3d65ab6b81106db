import type { IncomingMessage } from "node:http";
import { isUtf8 } from "node:buffer";
import { GatewayError } from "../core/errors.js";
import { nestedDeeperThan } from "./json-depth.js";

/** How deep arrays and objects may nest in a body unless `api.maxJsonDepth` says otherwise. */
export const DEFAULT_MAX_JSON_DEPTH = 128;
/** How long a body may send nothing unless `server.bodyIdleTimeoutSeconds` says otherwise. */
export const DEFAULT_BODY_IDLE_MS = 15_000;

/**
 * Reads the whole request body once, bounded by `maxBytes` (413 past it, without reading on),
 * and parses it as JSON, nested at most `maxDepth` deep (400 past it, before parsing). Invalid
 * UTF-8 is refused rather than silently replaced.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number, maxDepth = DEFAULT_MAX_JSON_DEPTH, idleMs = DEFAULT_BODY_IDLE_MS): Promise<unknown> {
  const type = req.headers["content-type"];
  if (type === undefined || !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new GatewayError("unsupported_media_type", "The request body must be JSON (Content-Type: application/json).");
  }
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readBytes(req, maxBytes, idleMs);
  const size = bytes.length;
  if (size === 0) throw new GatewayError("invalid_json", "The request body is empty; a JSON object was expected.");
  if (!isUtf8(bytes)) throw new GatewayError("invalid_json", "The request body is not valid UTF-8.");
  if (nestedDeeperThan(bytes, maxDepth)) {
    throw new GatewayError("invalid_json", `The request body nests arrays and objects deeper than ${maxDepth} levels.`);
  }
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new GatewayError("invalid_json", `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * The body's bytes, from `data` events: a `for await` over the request cost an async iterator, a
 * stream-finished watcher and a promise per chunk, ~3 KB of garbage per request. Past `maxBytes`
 * the request is paused and left unread (the 413 closes the connection).
 */
function readBytes(req: IncomingMessage, maxBytes: number, idleMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A body that stops arriving holds a connection and its chunks: after `idleMs` of silence, 408.
    const idle = setTimeout(() => {
      req.pause();
      settle(new GatewayError("request_timeout", `The request body sent nothing for ${idleMs / 1000} s.`));
    }, idleMs);
    const settle = (err: Error | undefined, bytes?: Buffer): void => {
      clearTimeout(idle);
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (err) reject(err);
      else resolve(bytes as Buffer);
    };
    const onData = (chunk: Buffer): void => {
      idle.refresh();
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        settle(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => settle(undefined, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    // A client that leaves mid-body errors the request (ECONNRESET), then closes it.
    const onClose = (): void => settle(new GatewayError("invalid_request", "The client closed the connection before the request body ended."));
    const onError = onClose;
    if (req.destroyed) return onClose();
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError("request_too_large", `The request body is larger than the ${maxBytes} bytes this gateway accepts.`);
}
