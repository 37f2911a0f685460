import type { ColumnType, Insertable, Selectable } from "kysely";

/**
 * A shifter's acknowledgement of one alarm. Alarms themselves are derived from certification's
 * tables (comparisons in ERROR, failed comparison activities, missed sign-off deadlines); the
 * key names the alarm (see server/overview/alarm-key.ts), so an alarm is acknowledged once.
 */
export interface AlarmAckTable {
  alarm_key: string;
  run_number: number;
  acknowledged_by: string;
  acknowledged_at: ColumnType<Date, Date | undefined, never>;
}

export type AlarmAck = Selectable<AlarmAckTable>;
export type NewAlarmAck = Insertable<AlarmAckTable>;
