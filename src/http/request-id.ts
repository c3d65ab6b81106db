import { randomUUID } from "node:crypto";

const SAFE_ID = /^[\w.:@-]{1,128}$/;

/** Echoes the client's `x-request-id` when it is a sane token, otherwise mints one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SAFE_ID.test(header) ? header : randomUUID();
}
