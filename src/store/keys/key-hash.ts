import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";

/**
 * Keys are stored as HMAC-SHA256 under a server secret, not as a plain hash: a copy of the
 * database alone cannot be used to test guesses offline, and 190 random bits make guessing moot.
 */
export class KeyHasher {
  private readonly secret: KeyObject;

  constructor(secret: Buffer) {
    this.secret = createSecretKey(secret);
  }

  hash(key: string): string {
    return this.digest(key).toString("base64url");
  }

  /** Constant-time comparison against a stored hash (already decoded, see KeyCache). */
  matches(key: string, stored: Buffer): boolean {
    const actual = this.digest(key);
    return actual.length === stored.length && timingSafeEqual(actual, stored);
  }

  private digest(key: string): Buffer {
    return createHmac("sha256", this.secret).update(key).digest();
  }
}
