import { createDb } from "../../../db/pool";
import { migrateToLatest } from "../../../db/migrate";
import { config } from "../../config/config";
import type { CliCommand } from "../main";

export const migrateCommand: CliCommand = {
  summary: "bring the database schema to the latest migration",
  async run() {
    const db = createDb(config().DATABASE_URL, 1);
    try {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `migrated: ${applied.join(", ")}` : "schema up to date");
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
