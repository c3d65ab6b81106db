import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider from "oidc-provider";

export const COGNITIVE = "https://cognitiveservices.azure.com";
export const ATRIUM_AUDIENCE = "api://atrium";

export interface IdpClient {
  readonly clientId: string;
  readonly secret: string;
  readonly roles?: readonly string[];
}

export interface TestIdp {
  readonly issuer: string;
  readonly tokenUrl: string;
  /** Calls to the token endpoint so far (the gateway's own client-credentials fetches included). */
  tokenRequests(): number;
  /** A real client-credentials access token (RS256 JWT) for `audience`. */
  token(clientId: string, audience?: string): Promise<string>;
  /** Publishes a new signing key (new kid) first in the JWKS and signs with it from now on. */
  rotate(): Promise<string>;
  close(): Promise<void>;
}

async function signingKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
}

/**
 * A real OpenID provider (oidc-provider v9) on loopback: client-credentials grant, resource
 * indicators so access tokens are RS256 JWTs for an audience, app roles in a `roles` claim.
 * Rotation swaps in a provider instance with the new key first, on the same issuer URL.
 */
export async function startTestIdp(clients: readonly IdpClient[], options: { ttlSeconds?: number } = {}): Promise<TestIdp> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  let tokenCalls = 0;
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/token")) tokenCalls++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const roles = new Map(clients.map((c) => [c.clientId, c.roles]));
  const scopes = [`${COGNITIVE}/.default`, `${ATRIUM_AUDIENCE}/.default`];

  const build = (keys: JWK[]) => {
    const provider = new Provider(issuer, {
      clients: clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.secret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_post",
        scope: scopes.join(" "),
      })),
      jwks: { keys },
      scopes: ["openid", ...scopes],
      ttl: { ClientCredentials: options.ttlSeconds ?? 600 },
      features: {
        clientCredentials: { enabled: true },
        devInteractions: { enabled: false },
        resourceIndicators: {
          enabled: true,
          defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string | string[]) => oneOf ?? COGNITIVE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx: unknown, resource: string) => ({
            scope: `${resource}/.default`,
            audience: resource,
            accessTokenFormat: "jwt",
            accessTokenTTL: options.ttlSeconds ?? 600,
            jwt: { sign: { alg: "RS256" } },
          }),
        },
      },
      extraTokenClaims: (_ctx: unknown, token: { clientId?: string }) => {
        const r = token.clientId === undefined ? undefined : roles.get(token.clientId);
        return r ? { roles: [...r] } : undefined;
      },
    });
    handler = provider.callback();
  };

  let keys = [await signingKey("kid-1")];
  build(keys);
  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    tokenRequests: () => tokenCalls,
    async token(clientId, audience = ATRIUM_AUDIENCE) {
      const client = clients.find((c) => c.clientId === clientId);
      if (!client) throw new Error(`unknown test client ${clientId}`);
      const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: client.secret, scope: `${audience}/.default` });
      if (audience !== COGNITIVE) form.set("resource", audience);
      const res = await fetch(`${issuer}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
      const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`token endpoint: ${res.status} ${body.error ?? ""} ${body.error_description ?? ""}`);
      return body.access_token;
    },
    async rotate() {
      const kid = `kid-${keys.length + 1}`;
      keys = [await signingKey(kid), ...keys];
      build(keys);
      return kid;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
