/**
 * The worker's activities, built by a factory from the dependencies they need, so tests can
 * construct them over their own database.
 */
import type { Db } from "../db/pool";

export interface ActivityDeps {
  db: Db;
}

export function createActivities(_deps: ActivityDeps) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
