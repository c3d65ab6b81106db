/**
 * `api_keys`: one row per subscription key. The key itself is never stored, only its keyed hash.
 * Times are epoch milliseconds in `double precision` so SQLite and PostgreSQL both hand back numbers
 * (a PostgreSQL bigint would come back as a string).
 */
export interface ApiKeysTable {
  /** The short id printed inside the key (`atr_<id>_<secret>`): the O(1) lookup. */
  id: string;
  consumer: string;
  environment: string;
  name: string | null;
  /** HMAC-SHA256 of the whole key under the server's key secret, base64url. */
  hash: string;
  created_at_ms: number;
  created_by: string | null;
  /** Set by rotation: the old key keeps working until then. */
  expires_at_ms: number | null;
  revoked_at_ms: number | null;
  /** The key this one replaced, when it came from a rotation. */
  replaces: string | null;
}
