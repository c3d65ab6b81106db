import { decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from "jose";
import type { Environment } from "../../core/catalog.js";
import { BRIDGE_AUDIENCE, type IssuerSettings } from "./auth-settings.js";
import { BoundedCache } from "./bounded-cache.js";
import type { IdpFetch } from "./idp-fetch.js";
import { issuerKeys } from "./issuer-keys.js";
import { grantsRoles } from "./issuer-bindings.js";
import { invalid, tokenError } from "./token-errors.js";

/** What a verified JWT says about its caller; the token itself is not kept in here. */
export interface VerifiedToken {
  readonly issuer: string;
  /** The calling application (first of the issuer's appIdClaims present), e.g. Entra's `appid`. */
  readonly appId: string | undefined;
  /** Safe to log: the app id, else `sub`. */
  readonly subject: string;
  /** Empty unless the issuer is trusted for roles (`grantsRoles`). */
  readonly roles: readonly string[];
  /** The issuer's `environment`, when it pins one. */
  readonly environment: Environment | undefined;
  /** Minted for Azure OpenAI itself and accepted because the issuer bridges. */
  readonly bridged: boolean;
}

interface Trusted {
  readonly settings: IssuerSettings;
  readonly grantsRoles: boolean;
  readonly keys: JWTVerifyGetKey;
  readonly options: JWTVerifyOptions;
}

/**
 * Verifies JWTs from the configured issuers with jose. A verified token is remembered by its
 * exact text until it expires (bounded LRU): an RSA verify costs ~100 µs, a warm hit well under
 * a microsecond, and clients reuse one token for many calls. Only a successful verification is
 * remembered, so nothing a forger sends can enter the cache.
 */
export class TokenVerifier {
  private readonly issuers = new Map<string, Trusted>();
  private readonly verified: BoundedCache<VerifiedToken>;

  constructor(
    issuers: readonly IssuerSettings[],
    fetchJson: IdpFetch,
    cacheSize: number,
    private readonly now: () => number = Date.now,
  ) {
    this.verified = new BoundedCache(cacheSize, now);
    for (const settings of issuers) {
      const audiences = settings.bridge ? [...new Set([...settings.audiences, BRIDGE_AUDIENCE])] : settings.audiences;
      this.issuers.set(settings.issuer, {
        settings,
        grantsRoles: grantsRoles(issuers, settings),
        keys: issuerKeys(settings, fetchJson),
        options: {
          issuer: settings.issuer,
          audience: audiences,
          algorithms: [...settings.algorithms],
          clockTolerance: settings.clockSkewSeconds,
          requiredClaims: ["exp"],
        },
      });
    }
  }

  get accepting(): boolean {
    return this.issuers.size > 0;
  }

  /** Synchronous on a cache hit; throws (or rejects with) GatewayError 401, or 503 when the IdP is down. */
  verify(token: string): VerifiedToken | Promise<VerifiedToken> {
    return this.verified.get(token) ?? this.verifyCold(token);
  }

  private async verifyCold(token: string): Promise<VerifiedToken> {
    let claimed: JWTPayload;
    try {
      claimed = decodeJwt(token);
    } catch {
      throw invalid("The token is malformed.");
    }
    const trusted = typeof claimed.iss === "string" ? this.issuers.get(claimed.iss) : undefined;
    if (!trusted) throw invalid("The token's issuer is not accepted by this gateway.");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, trusted.keys, trusted.options));
    } catch (err) {
      throw tokenError(err);
    }
    const settings = trusted.settings;
    const appId = settings.appIdClaims.map((c) => payload[c]).find((v): v is string => typeof v === "string" && v !== "");
    const result: VerifiedToken = {
      issuer: settings.issuer,
      appId,
      subject: appId ?? (typeof payload.sub === "string" ? payload.sub : "unknown"),
      roles: trusted.grantsRoles ? rolesOf(payload[settings.rolesClaim]) : [],
      environment: settings.environment,
      bridged: audiencesOf(payload.aud).includes(BRIDGE_AUDIENCE),
    };
    // exp is required above; the skew jose allowed is allowed here too, and no longer.
    this.verified.set(token, result, (payload.exp as number) * 1000 + settings.clockSkewSeconds * 1000);
    return result;
  }
}

function rolesOf(value: unknown): readonly string[] {
  if (typeof value === "string") return value.split(" ").filter((r) => r !== "");
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === "string");
  return [];
}

function audiencesOf(aud: JWTPayload["aud"]): readonly string[] {
  return typeof aud === "string" ? [aud] : (aud ?? []);
}
