import type { Environment } from "../../core/catalog.js";
import { GatewayError } from "../../core/errors.js";
import type { Policy } from "../../core/policy.js";
import type { Authenticator } from "./authenticator.js";

/** Who is calling: the first authenticator that recognises the credential decides. */
export function authPolicy(authenticators: readonly Authenticator[], gatewayEnvironment: Environment): Policy {
  return async (ctx, next) => {
    const credential = ctx.credential;
    if (!credential) {
      throw new GatewayError(
        "invalid_api_key",
        "No credential was sent: use the api-key header or Authorization: Bearer <key or token>.",
      );
    }
    for (const authenticator of authenticators) {
      const identity = await authenticator.authenticate(credential);
      if (!identity) continue;
      if (identity.environment !== gatewayEnvironment) {
        throw new GatewayError(
          "permission_denied",
          `This credential is for the ${identity.environment} environment; this gateway serves ${gatewayEnvironment}.`,
        );
      }
      ctx.identity = identity;
      return next(ctx);
    }
    throw new GatewayError("invalid_api_key", "The API key or token is not valid.");
  };
}
