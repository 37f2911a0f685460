import type { Insertable, Selectable } from "kysely";

/** A per-lumisection 1D histogram (ML4DQM), fixed-width binning, contents with under/overflow. */
export interface LsHistogramTable {
  me_name: string;
  run_number: number;
  ls_number: number;
  x_min: number;
  x_max: number;
  contents: number[];
  entries: number;
  /** In the golden JSON (certified good for physics). */
  golden: boolean;
  /** Detector powered and ready; null when the export does not say. */
  dcs: boolean | null;
  ingest_file_id: number | null;
}

export type LsHistogram = Selectable<LsHistogramTable>;
export type NewLsHistogram = Insertable<LsHistogramTable>;
