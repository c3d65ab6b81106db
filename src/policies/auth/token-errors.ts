import { errors } from "jose";
import { GatewayError } from "../../core/errors.js";
import { IssuerUnreachable } from "./issuer-keys.js";

/**
 * jose's failures as our errors. A bad token is the caller's problem (401, with a message that
 * says which check failed but never echoes the token); an unreachable IdP is ours (503).
 */
export function tokenError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  if (err instanceof IssuerUnreachable || err instanceof errors.JWKSTimeout || (err instanceof errors.JOSEError && err.code === "ERR_JOSE_GENERIC")) {
    return unavailable(err);
  }
  if (!(err instanceof errors.JOSEError)) return unavailable(err);
  return invalid(messageFor(err));
}

function messageFor(err: errors.JOSEError): string {
  if (err instanceof errors.JWTExpired) return "The token has expired.";
  if (err instanceof errors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case "nbf":
        return "The token is not valid yet (nbf is in the future).";
      case "iss":
        return "The token's issuer is not accepted by this gateway.";
      case "aud":
        return "The token's audience is not accepted by this gateway.";
      case "exp":
        return "The token has no expiry (exp).";
      default:
        return `The token's ${err.claim.slice(0, 40)} claim is not valid.`;
    }
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return "The token's signing algorithm is not accepted from this issuer.";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "The token's signature is not valid.";
  if (err instanceof errors.JWKSNoMatchingKey) return "The token is signed with a key its issuer does not publish.";
  return "The token is malformed or uses an unsupported format.";
}

export function invalid(message: string): GatewayError {
  return new GatewayError("invalid_api_key", message);
}

function unavailable(cause: unknown): GatewayError {
  return new GatewayError("service_unavailable", "The token's issuer cannot be reached to check it; retry shortly.", {
    cause,
    headers: { "retry-after": "5" },
  });
}
