/** Acknowledging shift alarms: who and when, once per alarm (a repeat keeps the first). */
import type { Db } from "../../db/pool";
import { listShiftAlarms, type ShiftAlarm } from "./shift-alarms.query";

/** An acknowledgement names alarms that are not (or no longer) in the alarm list. */
export class UnknownAlarmError extends Error {
  override name = "UnknownAlarmError";
}

export interface AckResult {
  /** The alarms as they stand after the call (first acknowledgement wins). */
  readonly alarms: ShiftAlarm[];
  /** How many of them this call acknowledged (the others already were). */
  readonly newlyAcknowledged: number;
}

export async function acknowledgeAlarms(db: Db, keys: readonly string[], user: string): Promise<AckResult> {
  const wanted = [...new Set(keys)];
  const current = await listShiftAlarms(db, { limit: 10_000 });
  const byKey = new Map(current.map((a) => [a.key, a]));
  const unknown = wanted.filter((k) => !byKey.has(k));
  if (unknown.length > 0) throw new UnknownAlarmError(`no such alarm: ${unknown.join(", ")} (it may be older than the alarm window, or its cause is gone)`);
  const rows = wanted.map((k) => ({ alarm_key: k, run_number: byKey.get(k)!.runNumber, acknowledged_by: user }));
  const res = rows.length ? await db.insertInto("alarm_ack").values(rows).onConflict((oc) => oc.column("alarm_key").doNothing()).executeTakeFirst() : undefined;
  const after = await listShiftAlarms(db, { limit: 10_000 });
  return { alarms: after.filter((a) => wanted.includes(a.key)), newlyAcknowledged: Number(res?.numInsertedOrUpdatedRows ?? 0) };
}
