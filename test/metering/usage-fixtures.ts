import { randomUUID } from "node:crypto";
import type { UsageRecord } from "../../src/core/usage-record.js";
import pg from "pg";
import { openDatabase, type Database } from "../../src/store/database.js";

export const PG_URL = process.env["DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

/** A usage record with plausible defaults; tests override what they assert on. */
export function usageRecord(o: Partial<UsageRecord> = {}): UsageRecord {
  const prompt = o.promptTokens ?? 10;
  const completion = o.completionTokens ?? 5;
  return {
    id: randomUUID(),
    requestId: randomUUID(),
    atMs: Date.parse("2024-07-01T12:00:00Z"),
    consumer: "team-a",
    costCentre: "1001",
    environment: "dev",
    outsideName: "gpt4o",
    platformDeployment: "gpt4o",
    target: "aoai-payg/gpt4o",
    deploymentType: "PAYG",
    model: "gpt-4o",
    modelVersion: "2024-08-06",
    promptTokens: prompt,
    completionTokens: completion,
    cachedTokens: 0,
    totalTokens: prompt + completion,
    usageSource: "provider",
    status: 200,
    errorCode: undefined,
    latencyMs: 120.5,
    firstByteMs: 40.25,
    streamed: false,
    aborted: false,
    attempts: 1,
    ...o,
  };
}

export interface TestStore {
  readonly database: Database;
  close(): Promise<void>;
}

/** SQLite in a temporary file, or PostgreSQL in a schema of its own that is dropped afterwards. */
export async function openTestDatabase(kind: "sqlite" | "postgres"): Promise<TestStore> {
  if (kind === "sqlite") {
    const database = await openDatabase({ kind: "sqlite", path: ":memory:" });
    return { database, close: () => database.close() };
  }
  const schema = `t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const database = await openDatabase({ kind: "postgres", url: PG_URL, schema }).catch(async (err: unknown) => {
    await dropSchema(schema);
    throw err;
  });
  return {
    database,
    async close() {
      await database.close();
      await dropSchema(schema);
    },
  };
}

/** Plain pg, not openDatabase: that would run migrations in the public schema. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
