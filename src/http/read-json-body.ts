import type { IncomingMessage } from "node:http";
import { isUtf8 } from "node:buffer";
import { GatewayError } from "../core/errors.js";

/**
 * Reads the whole request body once, bounded by `maxBytes` (413 past it, without reading on),
 * and parses it as JSON. Invalid UTF-8 is refused rather than silently replaced.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers["content-type"];
  if (type === undefined || !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new GatewayError("unsupported_media_type", "The request body must be JSON (Content-Type: application/json).");
  }
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
  if (size === 0) throw new GatewayError("invalid_json", "The request body is empty; a JSON object was expected.");
  if (!isUtf8(bytes)) throw new GatewayError("invalid_json", "The request body is not valid UTF-8.");
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new GatewayError("invalid_json", `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError("request_too_large", `The request body is larger than the ${maxBytes} bytes this gateway accepts.`);
}
