import { z } from "zod";
import { parseDeployAt } from "./deploy-at.js";
import { AUTH_SETTINGS_FIELDS } from "../policies/auth/auth-settings.js";
import { ClientCredentialsSchema } from "../providers/entra-settings.js";
import { EgressSchema } from "./egress-allow.js";
import { EnabledRoutesSchema } from "./enabled-routes.js";
import { CorsSchema } from "./cors-schema.js";
import { PoolSchema } from "./pool-schema.js";
import { MetricsSchema, OutboxSchema, PricesSchema, TelemetrySchema } from "./metering-schema.js";
import { LimitsSchema } from "../policies/limit/limit-settings.js";
import { BudgetsSchema } from "../policies/budget/budget-settings.js";
import { TiersSettingsSchema } from "../tiers/tier-schema.js";
import { AuditSchema } from "../audit/audit-schema.js";
import { ServerSchema } from "../http/server-settings.js";

/** atrium.yaml: platform settings the users' JSON files do not hold. Unknown keys are typos. */
const ResourceSchema = z
  .object({
    provider: z.enum(["sim", "openai", "azure-openai", "openai-compatible", "anthropic"]),
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
    apiKey: z.string().optional(),
    /** Entra ID client credentials instead of apiKey (azure-openai). */
    auth: ClientCredentialsSchema.optional(),
    apiVersion: z.string().min(1).optional(),
    latencyMs: z.number().int().min(0).max(600_000).default(0),
    tokensPerSecond: z.number().min(0).default(0),
    embeddingDimensions: z.number().int().min(1).max(8192).default(1536),
  })
  .strict()
  .refine((r) => r.provider === "sim" || r.endpoint !== undefined, {
    message: "endpoint is required for this provider",
    path: ["endpoint"],
  })
  .refine((r) => r.auth === undefined || (r.provider === "azure-openai" && !r.apiKey), {
    message: "auth (Entra ID client credentials) is for azure-openai resources, instead of apiKey",
    path: ["auth"],
  });

const StaticKeySchema = z
  .object({
    key: z.string().min(16, "a key needs at least 16 characters"),
    consumer: z.string().min(1),
    environment: z.enum(["dev", "test", "prod"]).optional(),
  })
  .strict();

export const PlatformSchema = z
  .object({
    environment: z.enum(["dev", "test", "prod"]).default("dev"),
    listen: z
      .object({ host: z.string().default("127.0.0.1"), port: z.number().int().min(0).max(65535).default(8080) })
      .strict()
      .default({ host: "127.0.0.1", port: 8080 }),
    resources: z.record(z.string(), ResourceSchema).default({}),
    pools: z.record(z.string(), PoolSchema).default({}),
    /** Hosts Atrium may connect to beyond the resources' endpoints (e.g. an IdP). */
    egress: EgressSchema,
    storage: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("sqlite"), path: z.string().default("./atrium.db") }).strict(),
        z.object({ kind: z.literal("postgres"), url: z.string().min(1), schema: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional() }).strict(),
      ])
      .default({ kind: "sqlite", path: "./atrium.db" }),
    state: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("memory") }).strict(),
        /** `prefix` starts every key (default `atrium:`); replicas and environments sharing limits use the same one. */
        z.object({ kind: z.literal("redis"), url: z.string().min(1), prefix: z.string().min(1).optional() }).strict(),
      ])
      .default({ kind: "memory" }),
    auth: z
      .object({
        /** Keys named in config (by env var): the demo and bootstrap path. */
        keys: z.array(StaticKeySchema).default([]),
        ...AUTH_SETTINGS_FIELDS,
      })
      .strict()
      .prefault({}),
    api: z
      .object({
        versions: z.array(z.string().min(1)).min(1).optional(),
        maxBodyBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
        /** How deep arrays and objects may nest in a request body (400 past it, found before parsing). */
        maxJsonDepth: z.number().int().min(8).max(1000).default(128),
        /** Restricted routes (images, audio, …) opened on purpose, e.g. "/v1/images/generations". */
        enabledRoutes: EnabledRoutesSchema,
      })
      .strict()
      .default({ maxBodyBytes: 10 * 1024 * 1024, maxJsonDepth: 128, enabledRoutes: [] }),
    /** Browser apps: allowed origins per environment, off by default (README, CORS). */
    cors: CorsSchema,
    /** Connection cap and client timeouts (src/http/server-settings.ts); read at start. */
    server: ServerSchema,
    log: z
      .object({ level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info") })
      .strict()
      .default({ level: "info" }),
    prices: PricesSchema,
    outbox: OutboxSchema,
    telemetry: TelemetrySchema,
    metrics: MetricsSchema,
    /** Token and request limits, tiers and budgets: docs/limits.md. */
    limits: LimitsSchema,
    tiers: TiersSettingsSchema,
    budgets: BudgetsSchema,
    /** Audit trail: logging modes, pipeline, review queue, retention: docs/audit.md. */
    audit: AuditSchema,
  })
  .strict();

export type PlatformFile = z.infer<typeof PlatformSchema>;

/** The users' three JSON formats: accepted verbatim, so fields we do not use pass through. */
const DeployAtSchema = z.string().refine((s) => parseDeployAt(s) !== undefined, {
  message: "not a date-time (expected e.g. 2024-07-02T00:00:00Z)",
});

const EnvironmentGrantSchema = z.looseObject({
  thousandsOfTokens: z.number().min(0),
  deployAt: DeployAtSchema,
});

/**
 * The consumer format; `levels` are the content-safety levels this folder knows (safety/: the
 * shipped low, medium, high, the folder's own, and off), so a wrong one is reported with the
 * file's other problems.
 */
export function consumerSchema(levels: readonly string[]) {
  return z.looseObject({
  consumerName: z.string().min(1),
  requestName: z.string().optional(),
  contactEmail: z.string().optional(),
  costCentre: z.union([z.string(), z.number()]).transform(String),
  /** Optional: the consumer's tier (tiers/<name>.yaml); atrium.yaml `tiers.consumers` wins. */
  tier: z.string().min(1).optional(),
  constantAppIdIdentifiers: z.array(z.string()).default([]),
  models: z.array(
    z.looseObject({
      deploymentName: z.string().min(1),
      modelName: z.string().min(1),
      contentSafety: z
        .string()
        .refine((level) => levels.includes(level), { error: (issue) => `must be one of ${levels.join(", ")}: unknown content-safety level ${JSON.stringify(issue.input)}` })
        .optional(),
      // Strict: a grant under any other name (`staging`) would never be served, so it is refused.
      environments: z
        .strictObject({
          dev: EnvironmentGrantSchema.optional(),
          test: EnvironmentGrantSchema.optional(),
          prod: EnvironmentGrantSchema.optional(),
        }),
    }),
  ),
  });
}

export const ConsumerSchema = consumerSchema(["low", "medium", "high", "off"]);

export const DeploymentSchema = z.looseObject({
  aoaiName: z.string().min(1),
  deploymentName: z.string().min(1),
  enableDynamicQuota: z.boolean().optional(),
  deploymentType: z.enum(["PTU", "PAYG"]),
  model: z.string().min(1),
  modelVersion: z.string().optional(),
  /**
   * The model name an `openai` or `openai-compatible` resource knows this deployment by, sent
   * verbatim as `model` upstream (e.g. `meta-llama/Llama-3.1-8B-Instruct`); default deploymentName.
   */
  upstreamModel: z.string().min(1).optional(),
  thousandsOfTokensPerMinute: z.number().min(0),
  /** PTU fixed cost per hour, for chargeback (atrium.yaml `prices.deployments` wins). */
  hourlyCost: z.number().min(0).optional(),
});

export const MappingSchema = z.looseObject({
  consumerName: z.string().min(1),
  requirements: z.array(
    z.looseObject({
      outsideDeploymentName: z.string().min(1),
      platformTeamDeploymentMapping: z.string().min(1),
      platformTeamPoolMapping: z.string().min(1),
    }),
  ),
});

export type ConsumerFile = z.infer<typeof ConsumerSchema>;
export type DeploymentFile = z.infer<typeof DeploymentSchema>;
export type MappingFile = z.infer<typeof MappingSchema>;
