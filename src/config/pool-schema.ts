import { z } from "zod";

/** One member of a pool: a resource, tried by priority (lower first) and weight within a priority. */
const PoolMemberSchema = z
  .object({
    resource: z.string().min(1),
    priority: z.number().int().min(0).default(1),
    /** 0 = used only when the others of its tier cannot serve. */
    weight: z.number().min(0).default(1),
  })
  .strict();

const ms = (max: number) => z.number().int().min(1).max(max);

const PoolObjectSchema = z
  .object({
    members: z.array(PoolMemberSchema).min(1),
    retry: z
      .object({
        maxAttempts: z.number().int().min(1).max(10).default(3),
        deadlineMs: ms(3_600_000).default(30_000),
      })
      .strict()
      .prefault({}),
    timeouts: z
      .object({
        connectMs: ms(600_000).default(10_000),
        firstByteMs: ms(3_600_000).default(300_000),
        idleMs: ms(3_600_000).default(120_000),
        totalMs: ms(86_400_000).optional(),
      })
      .strict()
      .prefault({}),
    breaker: z
      .object({
        failures: z.number().int().min(1).max(1_000_000).default(5),
        windowMs: ms(3_600_000).default(10_000),
        cooldownMs: ms(3_600_000).default(30_000),
      })
      .strict()
      .prefault({}),
    /** Within one priority, PTU members before PAYG ones (prepaid capacity first). */
    ptuFirst: z.boolean().default(true),
  })
  .strict();

const PoolListSchema = z.array(PoolMemberSchema).min(1);

export type PoolFile = z.infer<typeof PoolObjectSchema> & {
  /** Written as a bare member list (`pools.x: [...]`): issue paths then omit `.members`. */
  readonly listForm: boolean;
};

/**
 * `pools.<name>` is either a member list (the original form) or an object with members and
 * settings; both normalise to the object. A union would report "Invalid input" for a bad member
 * of the list form, so the form is chosen by shape and that form's issues are reported as they are.
 */
export const PoolSchema = z.unknown().transform((raw, ctx): PoolFile => {
  const listForm = Array.isArray(raw);
  const result = listForm ? PoolListSchema.safeParse(raw) : PoolObjectSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  }
  const pool = Array.isArray(result.data) ? PoolObjectSchema.parse({ members: result.data }) : result.data;
  return { ...pool, listForm };
});
