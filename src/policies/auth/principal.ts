import type { Consumer, Environment } from "../../core/catalog.js";
import type { Identity } from "../../core/context.js";
import { ROLES, type Role } from "./auth-settings.js";

/**
 * Who is calling the admin API. Unlike a data-plane Identity it may have no consumer: a platform
 * admin's tool or an admin key acts for the platform, not for an application.
 */
export interface Principal {
  /** Key id, admin key name, or token app id / subject: safe to log and to show. */
  readonly subject: string;
  readonly via: "key" | "jwt" | "admin-key";
  readonly roles: readonly Role[];
  readonly consumer: Consumer | undefined;
  readonly environment: Environment;
}

const KNOWN = new Set<string>(ROLES);

/** Role names a token carries that Atrium knows; others (an IdP's own roles) are ignored. */
export function knownRoles(names: readonly string[]): Role[] {
  return [...new Set(names.filter((n): n is Role => KNOWN.has(n)))];
}

export function principalOf(identity: Identity): Principal {
  return {
    subject: identity.subject,
    via: identity.via,
    roles: knownRoles(identity.roles),
    consumer: identity.consumer,
    environment: identity.environment,
  };
}
