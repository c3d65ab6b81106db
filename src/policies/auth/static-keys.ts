import { createHash } from "node:crypto";
import type { Consumer, Environment } from "../../core/catalog.js";
import type { Identity } from "../../core/context.js";
import type { Authenticator } from "./authenticator.js";

export interface StaticKeyEntry {
  readonly key: string;
  readonly consumer: string;
  readonly environment: Environment | undefined;
}

/**
 * Keys named in atrium.yaml (through environment variables): the demo and bootstrap path.
 * Held by their SHA-256 so the plain key lives nowhere in the process after start.
 */
export function staticKeyAuthenticator(
  entries: readonly StaticKeyEntry[],
  consumers: ReadonlyMap<string, Consumer>,
  gatewayEnvironment: Environment,
): Authenticator {
  const byHash = new Map<string, Identity>();
  entries.forEach((entry, index) => {
    const consumer = consumers.get(entry.consumer);
    if (!consumer) return;
    byHash.set(sha256(entry.key), {
      consumer,
      environment: entry.environment ?? gatewayEnvironment,
      via: "key",
      roles: ["consumer"],
      subject: `static-key-${index}`,
    });
  });
  return { authenticate: (credential) => byHash.get(sha256(credential.value)) };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}
