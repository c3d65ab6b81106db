import { randomUUID } from "node:crypto";

/**
 * A UUIDv7-shaped id: 48 bits of epoch ms, then randomness. Records are inserted in roughly
 * time order, so the primary-key B-tree grows at its right edge instead of splitting pages at
 * random places (cheaper inserts on SQLite and PostgreSQL alike).
 */
export function recordId(nowMs = Date.now()): string {
  if (nowMs !== prefixMs) {
    const time = nowMs.toString(16).padStart(12, "0");
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    prefixMs = nowMs;
  }
  return prefix + randomUUID().slice(15);
}

// The time part changes once a millisecond; several ids a request share it.
let prefixMs = -1;
let prefix = "";
