import { createHash } from "node:crypto";
import type { Dispatcher } from "../../net/undici.js";
import type { Config } from "../../config/config.js";
import type { Credential } from "../../core/context.js";
import type { Database } from "../../store/database.js";
import { KeyCache } from "../../store/keys/key-cache.js";
import { KeyHasher } from "../../store/keys/key-hash.js";
import { resolveKeySecret } from "../../store/keys/key-secret.js";
import { KeyStore } from "../../store/keys/key-store.js";
import { adminKeyAuthenticator } from "./admin-keys.js";
import type { Authenticator } from "./authenticator.js";
import { idpFetch } from "./idp-fetch.js";
import { consumerOf, jwtAuthenticator } from "./jwt-authenticator.js";
import { looksLikeJwt } from "./jwt-shape.js";
import { knownRoles, principalOf, type Principal } from "./principal.js";
import { staticKeyAuthenticator } from "./static-keys.js";
import { storeKeyAuthenticator } from "./store-keys.js";
import { invalid } from "./token-errors.js";
import { TokenVerifier } from "./token-verifier.js";

/** Everything identity needs for one config: built once per (re)load, sharing the caches below. */
export interface AuthBundle {
  /** In order: JWTs, subscription keys, static keys. */
  readonly dataPlane: readonly Authenticator[];
  readonly keys: KeyStore;
  /** Drops a key from this replica's cache at once (after revoke / rotate). */
  forgetKey(id: string): void;
  /** Admin API callers: tokens with roles, admin keys, or consumers with their keys. */
  principal(credential: Credential): Promise<Principal>;
}

export interface AuthServices {
  forConfig(config: Config): AuthBundle;
}

export interface AuthServicesOptions {
  /** The egress-checked dispatcher IdP fetches go through; default global fetch. */
  readonly dispatcher?: () => Dispatcher;
}

/**
 * Outlives config reloads so that the key cache, the JWKS caches and the verified-token cache
 * survive them; each is rebuilt only when the settings it depends on change.
 */
export function createAuthServices(database: Database, options: AuthServicesOptions = {}): AuthServices {
  const fetchJson = idpFetch(options.dispatcher);
  let keys: { fingerprint: string; store: KeyStore; cache: KeyCache; hasher: KeyHasher } | undefined;
  let tokens: { fingerprint: string; verifier: TokenVerifier } | undefined;
  const bundles = new WeakMap<Config, AuthBundle>();

  const keyState = (config: Config) => {
    const secret = resolveKeySecret(config.platform.auth.keySecret, config.platform.storage, config.dir);
    const ttlMs = config.platform.auth.keyCacheSeconds * 1000;
    const fingerprint = `${createHash("sha256").update(secret).digest("base64url")}/${ttlMs}`;
    if (keys?.fingerprint !== fingerprint) {
      const hasher = new KeyHasher(secret);
      const store = new KeyStore(database.db, hasher);
      keys = { fingerprint, store, hasher, cache: new KeyCache(store, { ttlMs }) };
    }
    return keys;
  };
  const tokenState = (config: Config) => {
    const { issuers, tokenCacheSize } = config.platform.auth;
    const fingerprint = JSON.stringify([issuers, tokenCacheSize]);
    if (tokens?.fingerprint !== fingerprint) tokens = { fingerprint, verifier: new TokenVerifier(issuers, fetchJson, tokenCacheSize) };
    return tokens;
  };

  return {
    forConfig(config) {
      const found = bundles.get(config);
      if (found) return found;
      const { store, cache, hasher } = keyState(config);
      const { verifier } = tokenState(config);
      const dataPlane = [
        jwtAuthenticator(verifier, config.consumersByIssuer, config.environment),
        storeKeyAuthenticator(cache, hasher, config.consumers),
        staticKeyAuthenticator(config.staticKeys, config.consumers, config.environment),
      ];
      const adminKey = adminKeyAuthenticator(config.platform.auth.adminKeys, config.environment);
      const bundle: AuthBundle = {
        dataPlane,
        keys: store,
        forgetKey: (id) => cache.forget(id),
        async principal(credential) {
          if (credential.scheme === "bearer" && verifier.accepting && looksLikeJwt(credential.value)) {
            const token = await verifier.verify(credential.value);
            const consumer = consumerOf(config.consumersByIssuer, token);
            const roles = knownRoles(consumer ? [...token.roles, "consumer"] : token.roles.filter((r) => r !== "consumer"));
            return { subject: token.subject, via: "jwt", roles, consumer, environment: token.environment ?? config.environment };
          }
          const admin = adminKey(credential);
          if (admin) return admin;
          for (const authenticator of dataPlane.slice(1)) {
            const identity = await authenticator.authenticate(credential);
            if (identity) return principalOf(identity);
          }
          throw invalid("The API key or token is not valid.");
        },
      };
      bundles.set(config, bundle);
      return bundle;
    },
  };
}
