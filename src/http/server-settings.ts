import { z } from "zod";

/**
 * `server:` in atrium.yaml: how long a client may take and how many connections it may hold.
 * Node's defaults (no connection cap, 60 s for a request head, 300 s for a request, no limit on a
 * body that stops arriving) let a few hundred idle or trickling sockets take every file descriptor.
 */
export const ServerSchema = z
  .object({
    /** Open client connections; past it the longest-idle one is closed (or the new one, when none is idle). */
    maxConnections: z.number().int().min(1).max(1_000_000).default(4096),
    /** The request head (line and headers) must arrive within this. */
    headersTimeoutSeconds: z.number().min(1).max(600).default(20),
    /** The whole request, head and body, must arrive within this. */
    requestTimeoutSeconds: z.number().min(1).max(3600).default(60),
    /** A request body that sends nothing for this long is answered 408 and its connection closed. */
    bodyIdleTimeoutSeconds: z.number().min(1).max(600).default(15),
    /** An idle keep-alive connection is closed after this (above load balancers' usual 60 s). */
    keepAliveTimeoutSeconds: z.number().min(1).max(3600).default(65),
  })
  .strict()
  .refine((s) => s.headersTimeoutSeconds <= s.requestTimeoutSeconds, {
    message: "headersTimeoutSeconds cannot exceed requestTimeoutSeconds",
    path: ["headersTimeoutSeconds"],
  })
  .prefault({});

export type ServerSettings = z.infer<typeof ServerSchema>;
