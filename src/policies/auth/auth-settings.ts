import { z } from "zod";

/**
 * The `auth:` block of atrium.yaml beyond the static `keys` list: the key secret, admin keys and
 * the OIDC issuers whose JWTs are accepted. Spread into PlatformSchema so config stays one schema.
 */
export const ROLES = ["consumer", "operator", "platform-admin", "governance"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Issuers publish public keys, so only asymmetric algorithms are allowed: `none` would accept
 * anyone, and HS* would let anyone holding the (public) key sign tokens.
 */
const ASYMMETRIC = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;
export const DEFAULT_ALGORITHMS: readonly (typeof ASYMMETRIC)[number][] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

/** The audience of tokens an Azure OpenAI client obtains for itself: accepted when bridging. */
export const BRIDGE_AUDIENCE = "https://cognitiveservices.azure.com";

const IssuerSchema = z
  .object({
    issuer: z.string().min(1),
    /** Default `<issuer>/.well-known/openid-configuration`; unused when jwksUri or jwks is set. */
    discoveryUrl: z.url({ protocol: /^https?$/ }).optional(),
    jwksUri: z.url({ protocol: /^https?$/ }).optional(),
    jwks: z.object({ keys: z.array(z.looseObject({ kty: z.string() })).min(1) }).strict().optional(),
    audiences: z.array(z.string().min(1)).min(1),
    /** Accept tokens minted for Azure OpenAI itself (audience https://cognitiveservices.azure.com). */
    bridge: z.boolean().default(false),
    algorithms: z
      .array(z.enum(ASYMMETRIC, { error: "only RS*, PS*, ES* and EdDSA are accepted from an issuer (never none or HS*)" }))
      .min(1)
      .default([...DEFAULT_ALGORITHMS]),
    clockSkewSeconds: z.number().int().min(0).max(600).default(60),
    appIdClaims: z.array(z.string().min(1)).min(1).default(["appid", "azp", "client_id"]),
    rolesClaim: z.string().min(1).default("roles"),
    /** The environment this issuer's callers get; default the gateway's own. */
    environment: z.enum(["dev", "test", "prod"]).optional(),
    /** An unknown `kid` refetches the JWKS at most this often (the IdP is not ours to hammer). */
    jwksCooldownSeconds: z.number().min(0).max(3600).default(30),
    /** The JWKS is refetched after this long even when every kid is known. */
    jwksMaxAgeSeconds: z.number().min(1).max(86_400).default(600),
    /**
     * The consumers whose app ids this issuer may assert (`"*"`: all). An app id means something
     * only within its issuer; unset, the first issuer asserts every consumer no issuer lists and
     * the others assert none (see issuer-bindings.ts).
     */
    consumers: z.union([z.literal("*"), z.array(z.string().min(1))]).optional(),
    /** Roles in this issuer's tokens are granted; default true for the first issuer only. */
    grantsRoles: z.boolean().optional(),
  })
  .strict()
  .refine((i) => i.jwksUri === undefined || i.jwks === undefined, { message: "give jwksUri or jwks, not both", path: ["jwks"] });

const AdminKeySchema = z
  .object({
    key: z.string().min(16, "an admin key needs at least 16 characters"),
    roles: z.array(z.enum(ROLES)).min(1),
    /** Shown by /admin/whoami and in logs instead of the key. */
    name: z.string().min(1).optional(),
  })
  .strict();

export const AUTH_SETTINGS_FIELDS = {
  /** HMAC secret for subscription keys, from the environment (see docs/identity.md). */
  keySecret: z
    .string()
    .refine((s) => s === "" || s.length >= 32, { message: "the key secret needs at least 32 characters (e.g. openssl rand -base64 32)" })
    .optional(),
  /** How long a replica trusts a key lookup: the longest a revocation takes to reach it. */
  keyCacheSeconds: z.number().min(0).max(300).default(5),
  adminKeys: z.array(AdminKeySchema).default([]),
  issuers: z
    .array(IssuerSchema)
    .default([])
    .superRefine((issuers, ctx) => {
      const seen = new Set<string>();
      issuers.forEach((i, index) => {
        if (seen.has(i.issuer)) ctx.addIssue({ code: "custom", message: `issuer ${i.issuer} is listed twice`, path: [index, "issuer"] });
        seen.add(i.issuer);
      });
    }),
  /** Verified JWTs kept (by their exact text, until they expire) so a warm request skips RSA. */
  tokenCacheSize: z.number().int().min(0).max(1_000_000).default(10_000),
};

export type IssuerSettings = z.infer<typeof IssuerSchema>;
export type AdminKeySettings = z.infer<typeof AdminKeySchema>;
