import type { Credential, Identity } from "../../core/context.js";

/**
 * One way of turning a credential into an identity. Answers undefined when the credential is not
 * its kind (so the next one may try) and throws GatewayError when it is its kind but invalid.
 */
export interface Authenticator {
  authenticate(credential: Credential): Identity | undefined | Promise<Identity | undefined>;
}
