import type { Consumer, Environment } from "../../core/catalog.js";
import type { Identity } from "../../core/context.js";
import { GatewayError } from "../../core/errors.js";
import type { Authenticator } from "./authenticator.js";
import { looksLikeJwt } from "./jwt-shape.js";
import type { TokenVerifier, VerifiedToken } from "./token-verifier.js";

/**
 * Data-plane callers with an IdP token: the calling application (appid / azp / client_id) must be
 * one a consumer file lists in `constantAppIdIdentifiers`, and that consumer must be bound to the
 * token's issuer (issuer-bindings.ts): an app id from another tenant is another app. The caller gets the issuer's pinned
 * environment, else the gateway's own: a token says who the app is, not where it is deployed.
 */
export function jwtAuthenticator(
  verifier: TokenVerifier,
  consumersByIssuer: ReadonlyMap<string, ReadonlyMap<string, Consumer>>,
  gatewayEnvironment: Environment,
): Authenticator {
  const identify = (token: VerifiedToken): Identity => {
    if (token.appId === undefined) {
      throw new GatewayError("permission_denied", "The token names no calling application (none of the issuer's appIdClaims is present).");
    }
    const consumer = consumerOf(consumersByIssuer, token);
    if (!consumer) {
      throw new GatewayError(
        "permission_denied",
        `The application ${token.appId.slice(0, 100)} is not onboarded through this token's issuer: no consumer it may assert lists it in constantAppIdIdentifiers.`,
      );
    }
    return {
      consumer,
      environment: token.environment ?? gatewayEnvironment,
      via: "jwt",
      roles: token.roles.includes("consumer") ? token.roles : ["consumer", ...token.roles],
      subject: token.subject,
    };
  };
  return {
    authenticate(credential) {
      if (credential.scheme !== "bearer" || !verifier.accepting || !looksLikeJwt(credential.value)) return undefined;
      const verified = verifier.verify(credential.value);
      return verified instanceof Promise ? verified.then(identify) : identify(verified);
    },
  };
}

/** The consumer a verified token's app id names within its issuer, if that issuer may assert it. */
export function consumerOf(consumersByIssuer: ReadonlyMap<string, ReadonlyMap<string, Consumer>>, token: VerifiedToken): Consumer | undefined {
  return token.appId === undefined ? undefined : consumersByIssuer.get(token.issuer)?.get(token.appId);
}
