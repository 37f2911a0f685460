/**
 * Runs the migrations in db/migrations (files named `<timestamp>-<what>.ts`, each exporting
 * `up` and `down`) with Kysely's Migrator. Run from the CLI and tests (tsx), never from the
 * web server's bundle.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./pool";

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(migrationsDir)).filter((f) => /\.ts$/.test(f) && !f.endsWith(".test.ts")).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      out[f.replace(/\.ts$/, "")] = (await import(pathToFileURL(path.join(migrationsDir, f)).href)) as Migration;
    }
    return out;
  }
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Brings the schema to the latest migration; throws MigrationError naming the failing one. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? "(unknown)"} failed: ${cause}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
