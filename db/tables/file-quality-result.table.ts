import type { Generated, Selectable } from "kysely";

/** A quality-test result CMSSW wrote into a DQM file (`<me>.qr=st:…`), kept with its dataset. */
export interface FileQualityResultTable {
  id: Generated<number>;
  dataset_id: number;
  run_number: number;
  me_path: string;
  test: string;
  /** CMSSW's status code: 100 OK, 200 WARNING, 300 ERROR, 30 OTHER, 50 DISABLED, 60 INVALID, 70 INSUF_STAT, 90 DID_NOT_RUN. */
  status: number;
  result: number | null;
  algorithm: string | null;
  message: Generated<string>;
}

export type FileQualityResult = Selectable<FileQualityResultTable>;
