import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export const runClasses = ["Collisions", "Cosmics", "Commissioning", "HeavyIons", "Other"] as const;
export type RunClass = (typeof runClasses)[number];

/** A run and its OMS metadata. Luminosities are in /pb, energy in GeV, field in tesla. */
export interface RunTable {
  run_number: number;
  start_time: Date;
  end_time: Date | null;
  run_class: RunClass;
  fill_number: number | null;
  b_field: number | null;
  beam_energy: number | null;
  delivered_lumi: number | null;
  recorded_lumi: number | null;
  /** Seconds between start and end, null while the run is ongoing. */
  duration_s: ColumnType<number | null, never, never>;
  ls_count: number | null;
  hlt_key: string | null;
  l1_key: string | null;
  /** HDQM's rule (see server/hdqm): not "special", enough luminosity, long enough. */
  significant: boolean;
  /** Created by a DQM file before OMS announced the run: start time from the file, class unknown. */
  provisional: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Run = Selectable<RunTable>;
export type NewRun = Insertable<RunTable>;
export type RunUpdate = Updateable<RunTable>;
