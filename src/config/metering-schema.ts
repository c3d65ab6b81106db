import { z } from "zod";

/**
 * atrium.yaml keys for metering and observability: `prices:` (chargeback), `outbox:` (where usage
 * is written ahead) and `telemetry:` (metrics labels, OpenTelemetry traces). See docs/metering.md
 * and docs/observability.md.
 */
const TokenPriceSchema = z
  .object({
    /** Per 1M prompt tokens that were not served from the prompt cache. */
    input: z.number().min(0),
    /** Per 1M completion tokens. */
    output: z.number().min(0).default(0),
    /** Per 1M cached prompt tokens; absent = billed as input. */
    cached: z.number().min(0).optional(),
  })
  .strict();

export const PricesSchema = z
  .object({
    currency: z.string().min(1).max(8).default("USD"),
    /** Keyed `model` (any version) or `model@version` (wins over the bare model). */
    models: z.record(z.string().min(1), TokenPriceSchema).default({}),
    /** PTU fixed cost keyed `resource/deployment`; wins over a deployment file's `hourlyCost`. */
    deployments: z.record(z.string().regex(/^[^/]+\/[^/]+$/, "keys are resource/deployment"), z.object({ hourlyCost: z.number().min(0) }).strict()).default({}),
  })
  .strict()
  .prefault({});

export const OutboxSchema = z
  .object({
    /** Default `<config folder>/.atrium/outbox`; relative paths are from the config folder. */
    dir: z.string().min(1).optional(),
    fsync: z.enum(["always", "interval", "never"]).default("interval"),
    fsyncIntervalMs: z.number().int().min(10).max(60_000).default(1000),
  })
  .strict()
  .prefault({});

export const TelemetrySchema = z
  .object({
    /** OTLP/HTTP base URL (e.g. http://127.0.0.1:4318); traces are off when absent. */
    otlpEndpoint: z.url({ protocol: /^https?$/ }).optional(),
    /** Extra headers for the collector (e.g. an auth token, from ${ENV}). */
    otlpHeaders: z.record(z.string(), z.string()).default({}),
    serviceName: z.string().min(1).default("atrium"),
    /** Put the request's messages on spans (gen_ai.input.messages). Off: prompts are personal data. */
    capturePrompts: z.boolean().default(false),
    /** Label request and token metrics by consumer; off collapses the label to bound series. */
    metricsByConsumer: z.boolean().default(true),
  })
  .strict()
  .prefault({});

/**
 * `GET /metrics` is open like /healthz unless a token is set: then scrapers send
 * `Authorization: Bearer <token>` (Prometheus: `authorization.credentials_file`). From ${ENV}.
 */
export const MetricsSchema = z
  .object({ token: z.string().min(16, "a metrics token needs at least 16 characters").optional() })
  .strict()
  .prefault({});
