import { z } from "zod";

/** An origin as browsers send it: scheme, host, optional port, nothing after; or `*` for any. */
const OriginSchema = z.union([
  z.literal("*"),
  z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, "an origin is scheme://host[:port], without a path or trailing slash"),
]);

/**
 * Browser apps (atrium.yaml `cors`): origins allowed per environment, none by default. A gateway
 * serves one environment, so only that environment's list is used.
 */
export const CorsSchema = z
  .object({
    origins: z
      .object({ dev: z.array(OriginSchema).optional(), test: z.array(OriginSchema).optional(), prod: z.array(OriginSchema).optional() })
      .strict()
      .default({}),
    /** How long a browser may reuse a preflight's answer. */
    maxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
  })
  .strict()
  .optional();

/** What a gateway answers browsers from, resolved for its environment at config build. */
export interface CorsSettings {
  readonly origins: readonly string[];
  readonly maxAgeSeconds: number;
}
