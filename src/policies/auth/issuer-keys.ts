import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { isObject } from "../../core/json.js";
import type { IssuerSettings } from "./auth-settings.js";
import type { IdpFetch } from "./idp-fetch.js";

/** Thrown when the issuer's metadata or key set cannot be fetched: the gateway's problem, not the caller's. */
export class IssuerUnreachable extends Error {
  override readonly name = "IssuerUnreachable";
}

const DISCOVERY_RETRY_MS = 5_000;
const FETCH_TIMEOUT_MS = 5_000;

/**
 * The keys an issuer signs with: inline (`jwks`), a fixed `jwksUri`, or the `jwks_uri` of its
 * OpenID discovery document, fetched on first use. Remote sets are jose's: cached for
 * `jwksMaxAgeSeconds` and refetched on an unknown `kid` at most every `jwksCooldownSeconds`, so a
 * key rotation at the IdP is picked up without a restart.
 */
export function issuerKeys(issuer: IssuerSettings, fetchJson: IdpFetch): JWTVerifyGetKey {
  if (issuer.jwks) return createLocalJWKSet(issuer.jwks as JSONWebKeySet);
  const remoteFor = (uri: string): JWTVerifyGetKey =>
    createRemoteJWKSet(new URL(uri), {
      cooldownDuration: issuer.jwksCooldownSeconds * 1000,
      cacheMaxAge: issuer.jwksMaxAgeSeconds * 1000,
      timeoutDuration: FETCH_TIMEOUT_MS,
      [customFetch]: (url, init) => fetchJson(url, init),
    });
  if (issuer.jwksUri) return remoteFor(issuer.jwksUri);

  let remote: JWTVerifyGetKey | undefined;
  let discovering: Promise<JWTVerifyGetKey> | undefined;
  let failedAtMs = Number.NEGATIVE_INFINITY;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = issuer.discoveryUrl ?? `${issuer.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
    try {
      const res = await fetchJson(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (res.status !== 200) throw new Error(`discovery answered ${res.status}`);
      const doc: unknown = await res.json();
      if (!isObject(doc) || typeof doc["jwks_uri"] !== "string") throw new Error("discovery document has no jwks_uri");
      // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
      if (doc["issuer"] !== issuer.issuer) throw new Error(`discovery document is for issuer ${String(doc["issuer"]).slice(0, 200)}`);
      remote = remoteFor(doc["jwks_uri"]);
      return remote;
    } catch (err) {
      failedAtMs = Date.now();
      throw new IssuerUnreachable(`cannot discover the keys of ${issuer.issuer}: ${(err as Error).message}`, { cause: err });
    }
  };
  return async (header, token) => {
    if (!remote) {
      if (!discovering && Date.now() - failedAtMs < DISCOVERY_RETRY_MS) throw new IssuerUnreachable(`discovery of ${issuer.issuer} failed recently`);
      discovering ??= discover().finally(() => {
        discovering = undefined;
      });
      await discovering;
    }
    return (remote as JWTVerifyGetKey)(header, token);
  };
}
