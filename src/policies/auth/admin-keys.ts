import { createHash } from "node:crypto";
import type { Credential } from "../../core/context.js";
import type { AdminKeySettings } from "./auth-settings.js";
import type { Principal } from "./principal.js";
import type { Environment } from "../../core/catalog.js";

/**
 * `auth.adminKeys`: bootstrap credentials for the admin API (before an IdP is wired, or for
 * automation). Held by SHA-256 like static keys; they grant roles, never data-plane access.
 */
export function adminKeyAuthenticator(entries: readonly AdminKeySettings[], environment: Environment): (credential: Credential) => Principal | undefined {
  const byHash = new Map<string, Principal>();
  entries.forEach((entry, index) => {
    byHash.set(sha256(entry.key), {
      subject: entry.name ?? `admin-key-${index}`,
      via: "admin-key",
      roles: [...new Set(entry.roles)],
      consumer: undefined,
      environment,
    });
  });
  return (credential) => (byHash.size === 0 ? undefined : byHash.get(sha256(credential.value)));
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}
