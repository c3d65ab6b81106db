import { z } from "zod";
import { LOGGING_MODES } from "../tiers/tier-schema.js";

/**
 * atrium.yaml `audit:`: how much of each request the audit trail keeps, where records go on their
 * way to the store, and the review queue. See docs/audit.md.
 */
const ModeSchema = z.enum(LOGGING_MODES);
const RATE = z.number().min(0).max(1);

/** What a tier or a consumer may change. */
const OVERRIDE_FIELDS = {
  mode: ModeSchema.optional(),
  /** Refuse (503) this consumer's requests while the audit pipeline cannot take their records. */
  failClosed: z.boolean().optional(),
  /** Share of records put into the review queue. */
  sampleRate: RATE.optional(),
};

const OverrideSchema = z.object(OVERRIDE_FIELDS).strict();

const QueueSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("local") }).strict(),
  z
    .object({
      kind: z.literal("redis-streams"),
      url: z.string().min(1),
      stream: z.string().min(1).default("atrium:audit"),
      group: z.string().min(1).default("audit-workers"),
      /** A record a consumer took but did not acknowledge for this long is taken over by another. */
      claimIdleMs: z.number().int().min(100).max(3_600_000).default(30_000),
      batchSize: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
]);

export const AuditSchema = z
  .object({
    /** Mode of consumers that neither a tier nor `consumers` sets. */
    defaultMode: ModeSchema.default("metadata"),
    /** Environments where `full` (raw text kept beside the redacted text) is honoured; elsewhere it is `redacted`. */
    allowFullIn: z.array(z.enum(["dev", "test", "prod"])).default(["dev"]),
    /** `typed`: `<EMAIL>`; `pseudonym`: `<EMAIL_1>`, consistent across one record's prompt and response. */
    placeholders: z.enum(["typed", "pseudonym"]).default("pseudonym"),
    failClosed: z.boolean().default(false),
    /** Records written ahead but not yet handed on; above it, fail-closed consumers get 503. */
    maxBacklog: z.number().int().min(1).default(10_000),
    sampleRate: RATE.default(0.05),
    retentionDays: z.number().min(0.001).max(36_500).default(30),
    /** Redaction workers in this process; 0 (redis-streams only) leaves it to `atrium audit-worker`. */
    workers: z.number().int().min(0).max(64).default(1),
    queue: QueueSchema.default({ kind: "local" }),
    /**
     * Characters of prompt and of response text one record keeps (each); the rest is not
     * captured and the record is marked `truncated`. Bounds the memory a stream's capture holds.
     */
    maxCaptureChars: z.number().int().min(1024).max(64 * 1024 * 1024).default(256 * 1024),
    /** The audit outbox; default `<config folder>/.atrium/audit-outbox`, relative to the config folder. */
    outboxDir: z.string().min(1).optional(),
    /** A Presidio-style analyser asked in addition to the built-in recognisers; its origin must be in egress.allowHosts. */
    externalAnalyzer: z
      .object({
        url: z.url({ protocol: /^https?$/ }),
        timeoutMs: z.number().int().min(10).max(60_000).default(2000),
        language: z.string().min(2).default("en"),
        minScore: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
    /** Per product tier (tiers/<name>.yaml). */
    tiers: z.record(z.string().min(1), OverrideSchema).default({}),
    /** Per consumer: a mode, or fields; wins over the tier. */
    consumers: z.record(z.string().min(1), z.union([ModeSchema, OverrideSchema])).default({}),
  })
  .strict()
  .refine((a) => a.workers > 0 || a.queue.kind !== "local", {
    message: "a local queue needs at least one worker in the gateway",
    path: ["workers"],
  })
  .prefault({});

export type AuditSettingsFile = z.infer<typeof AuditSchema>;
export type AuditQueueSettings = AuditSettingsFile["queue"];
