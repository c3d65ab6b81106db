import { OTHER_KEY, standardConfig, TEST_KEY, type ConfigFolder, type StandardOptions } from "../../support/config-dir.js";

export const ADMIN_KEY = "admin-key-platform-0123456789";
export const OPERATOR_KEY = "admin-key-operator-0123456789";
export const GOVERNANCE_KEY = "admin-key-governance-0123456789";
export const KEY_SECRET = "test-key-secret-0123456789abcdefghijklmnop";

export interface AuthOptions extends Omit<StandardOptions, "extraPlatform"> {
  issuers?: Array<Record<string, unknown>>;
  storage?: Record<string, unknown>;
  keyCacheSeconds?: number;
  keySecret?: string;
  extraPlatform?: Record<string, unknown>;
}

/**
 * standardConfig (team-a: app-team-a, gpt35 + embed; team-b: app-team-b, gpt4o) with the auth
 * block filled in: the static test keys, three admin keys, optional issuers, and an in-memory
 * store unless a test shares one between replicas.
 */
export function authConfig(options: AuthOptions = {}): ConfigFolder {
  const { issuers = [], storage = { kind: "sqlite", path: ":memory:" }, keyCacheSeconds, keySecret, extraPlatform, ...standard } = options;
  return standardConfig({
    ...standard,
    extraPlatform: {
      storage,
      auth: {
        keys: [
          { key: TEST_KEY, consumer: "team-a" },
          { key: OTHER_KEY, consumer: "team-b" },
        ],
        adminKeys: [
          { key: ADMIN_KEY, roles: ["platform-admin"], name: "platform-bot" },
          { key: OPERATOR_KEY, roles: ["operator"], name: "ops-dashboard" },
          { key: GOVERNANCE_KEY, roles: ["governance"] },
        ],
        issuers,
        ...(keyCacheSeconds === undefined ? {} : { keyCacheSeconds }),
        ...(keySecret === undefined ? {} : { keySecret }),
      },
      ...extraPlatform,
    },
  });
}

/** Every log line must be free of these: keys, tokens, prompts (invariant 4). */
export function leakedSecrets(logs: readonly string[], secrets: readonly string[]): string[] {
  const text = logs.join("");
  return secrets.filter((s) => s.length >= 8 && text.includes(s));
}
