import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export interface JwksServer {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly key: SigningKey;
  /** Signs `claims` (defaults: iss, aud api://atrium, iat, exp +10 min) with the published key. */
  mint(claims?: JWTPayload, header?: Record<string, unknown>, key?: SigningKey): Promise<string>;
  close(): Promise<void>;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

/** A bare JWKS endpoint on loopback plus a minting helper, for the tokens no real IdP would issue. */
export async function startJwksServer(audience = "api://atrium"): Promise<JwksServer> {
  const key = await signingKey("neg-1");
  const server = createServer((req, res) => {
    const body = JSON.stringify({ keys: [key.publicJwk] });
    res.writeHead(req.url === "/jwks" ? 200 : 404, { "content-type": "application/json" });
    res.end(req.url === "/jwks" ? body : "{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    key,
    async mint(claims = {}, header = {}, signer = key) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, aud: audience, iat: now, exp: now + 600, ...claims })
        .setProtectedHeader({ alg: "RS256", kid: signer.kid, ...header })
        .sign(signer.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
