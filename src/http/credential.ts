import type { IncomingHttpHeaders } from "node:http";
import type { Credential } from "../core/context.js";
import { GatewayError } from "../core/errors.js";

/**
 * `api-key` (Azure's header) or `Authorization: Bearer …` (OpenAI's); a key or a JWT either way.
 * `anthropic`: Anthropic's `x-api-key` too, as its SDKs before 1.0 and Claude Code send the key.
 */
export function credentialFrom(headers: IncomingHttpHeaders, anthropic = false): Credential | undefined {
  const apiKey = headers["api-key"] ?? (anthropic ? headers["x-api-key"] : undefined);
  if (typeof apiKey === "string" && apiKey.length > 0) return { scheme: "api-key", value: apiKey.trim() };
  const authorization = headers.authorization;
  if (authorization === undefined || authorization === "") return undefined;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!m) throw new GatewayError("invalid_api_key", "The Authorization header must be `Bearer <key or token>`.");
  return { scheme: "bearer", value: m[1] as string };
}
