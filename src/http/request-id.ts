import { recordId } from "../core/record-id.js";

const SAFE_ID = /^[\w.:@-]{1,128}$/;

/**
 * Echoes the client's `x-request-id` when it is a sane token, otherwise mints one. Minted ids are
 * time-ordered like record ids, so the stores' request-id indexes grow at their right edge
 * (random ids there doubled the cost of each SQLite insert).
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SAFE_ID.test(header) ? header : recordId();
}
