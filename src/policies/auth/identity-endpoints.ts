import type { PlatformFile } from "../../config/schema.js";
import { clientCredentials } from "../../providers/entra-settings.js";

/**
 * The identity providers config names, for the egress allow-list: issuers (discovery), their
 * JWKS addresses, and the token endpoints of resources' client credentials. A `jwks_uri` that
 * discovery returns on another host must be added to `egress.allowHosts`.
 */
export function identityEndpoints(platform: PlatformFile): string[] {
  const out: string[] = [];
  for (const issuer of platform.auth.issuers) {
    if (issuer.jwks) continue;
    if (issuer.jwksUri) out.push(issuer.jwksUri);
    else out.push(issuer.discoveryUrl ?? issuer.issuer);
  }
  for (const resource of Object.values(platform.resources)) {
    if (resource.auth) out.push(clientCredentials(resource.auth).tokenUrl);
  }
  return out;
}
