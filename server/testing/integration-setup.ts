/**
 * Vitest global setup for integration tests: uses the services named in the environment
 * (scripts/test.sh exports them) or those of `scripts/services.sh up test`, and migrates.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { migrateToLatest } from "../../db/migrate";
import { createDb } from "../../db/pool";

export default async function setup(): Promise<void> {
  const envFile = path.resolve(import.meta.dirname, "../../.state/test.env");
  if (!process.env.DATABASE_URL && existsSync(envFile)) {
    for (const line of readFileSync(envFile, "utf8").split("\n")) {
      const m = /^(\w+)=(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) process.env[m[1]] = m[2];
    }
  }
  if (!process.env.DATABASE_URL || !process.env.TEMPORAL_ADDRESS) {
    throw new Error("integration tests need DATABASE_URL and TEMPORAL_ADDRESS: run `bash scripts/services.sh up test` or `npm test`");
  }
  const db = createDb(process.env.DATABASE_URL, 1);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
