/**
 * Tells the trend cache which series a write changes (migration 2026-12-01T1310): inside the
 * writing transaction, the statement triggers on metric_point, run, dataset and lumisection then
 * notify `scope ["<primary dataset>","<processing string>"]` instead of their table's name, and
 * the web servers' trend caches drop only that series' answers (and those tied to no series).
 * Only for a transaction whose writes to those tables all belong to that one series; any other
 * write keeps the full flush by not calling this.
 */
import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/database";

export const TREND_SCOPE_SETTING = "dqmflow.trend_scope";

/** The notification payload's scope text of a series (also how the cache names it). */
export const trendScopeText = (primaryDataset: string, processingString: string): string => JSON.stringify([primaryDataset, processingString]);

export async function scopeTrendNotifications(trx: Transaction<Database>, primaryDataset: string, processingString: string): Promise<void> {
  await sql`select set_config(${TREND_SCOPE_SETTING}, ${trendScopeText(primaryDataset, processingString)}, true)`.execute(trx);
}
