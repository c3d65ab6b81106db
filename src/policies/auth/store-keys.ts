import type { Consumer, Environment } from "../../core/catalog.js";
import type { Identity } from "../../core/context.js";
import { GatewayError } from "../../core/errors.js";
import { keyIdOf } from "../../store/keys/api-key-format.js";
import type { CachedKey, KeyCache } from "../../store/keys/key-cache.js";
import type { KeyHasher } from "../../store/keys/key-hash.js";
import type { Authenticator } from "./authenticator.js";
import { invalid } from "./token-errors.js";

/**
 * Subscription keys issued by `atrium keys` / `/admin/keys`: the id inside the key finds the row
 * (cached, see KeyCache), the keyed hash proves the rest. The hash is checked before anything
 * about the row is revealed, so a guesser learns nothing about which ids exist or are revoked.
 * A key-shaped credential is ours to judge: an unknown id is refused here, not passed on.
 */
/** The one answer for a key that does not prove itself, whether its id exists or not. */
export const NOT_VALID = "The API key or token is not valid.";

export function storeKeyAuthenticator(
  cache: KeyCache,
  hasher: KeyHasher,
  consumers: ReadonlyMap<string, Consumer>,
  now: () => number = Date.now,
): Authenticator {
  // An id with no row is still hashed and compared (against a hash no key has), and both
  // refusals read the same: neither the answer nor its time tells a guesser which ids exist.
  const dummy = Buffer.alloc(32);
  const check = (key: string, entry: CachedKey): Identity | undefined => {
    const row = entry.row;
    if (!row || !entry.hash) {
      hasher.matches(key, dummy);
      throw invalid(NOT_VALID);
    }
    if (!hasher.matches(key, entry.hash)) throw invalid(NOT_VALID);
    if (row.revoked_at_ms !== null) throw invalid("This API key has been revoked.");
    if (row.expires_at_ms !== null && row.expires_at_ms <= now()) throw invalid("This API key has expired: it was rotated.");
    const consumer = consumers.get(row.consumer);
    if (!consumer) throw new GatewayError("permission_denied", `The consumer of this key (${row.consumer}) is no longer configured.`);
    return { consumer, environment: row.environment as Environment, via: "key", roles: ["consumer"], subject: row.id };
  };
  return {
    authenticate(credential) {
      const id = keyIdOf(credential.value);
      if (id === undefined) return undefined;
      const entry = cache.get(id);
      return entry instanceof Promise ? entry.then((e) => check(credential.value, e)) : check(credential.value, entry);
    },
  };
}
