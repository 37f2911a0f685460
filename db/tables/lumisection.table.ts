import type { Insertable, Selectable } from "kysely";

/** OMS per-lumisection facts: luminosity and the beam and detector-ready bits. */
export interface LumisectionTable {
  run_number: number;
  ls_number: number;
  start_time: Date | null;
  delivered_lumi: number | null;
  recorded_lumi: number | null;
  beam1_stable: boolean | null;
  beam2_stable: boolean | null;
  /** Detector-control (DCS) ready bits by partition, e.g. {"bpix": true, "fpix": true}. */
  dcs: Record<string, boolean>;
}

export type Lumisection = Selectable<LumisectionTable>;
export type NewLumisection = Insertable<LumisectionTable>;
