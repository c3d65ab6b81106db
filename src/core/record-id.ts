import { randomUUID } from "node:crypto";

/**
 * A UUIDv7-shaped id: 48 bits of epoch ms, then randomness. Records are inserted in roughly
 * time order, so the primary-key B-tree grows at its right edge instead of splitting pages at
 * random places (cheaper inserts on SQLite and PostgreSQL alike).
 */
export function recordId(nowMs = Date.now()): string {
  const time = nowMs.toString(16).padStart(12, "0");
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
