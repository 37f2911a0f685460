/**
 * Dataset names → the HDQM selection keys. `/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO` has
 * primary dataset `ZeroBias`, era `Run2017E` and processing string `09Aug2019_UL2017-v1`; the era
 * is dropped from the processing string so one series spans a season's eras, as in HDQM.
 */
import type { Stage } from "../../db/tables/dataset.table";

export interface DatasetKeys {
  readonly name: string;
  readonly primaryDataset: string;
  readonly processingString: string;
  readonly stage: Stage;
}

export class DatasetNameError extends Error {
  override readonly name = "DatasetNameError";
}

const ERA = /^Run\d{4}[A-Z]*-/;

export function stageOf(processing: string): Stage {
  if (/express/i.test(processing)) return "express";
  if (/promptreco/i.test(processing)) return "prompt";
  if (/^online$/i.test(processing)) return "online";
  return "reprocessing";
}

/** Parses a dataset name; `online` is the online dataset of a run. */
export function parseDatasetName(name: string): DatasetKeys {
  if (name === "online") return { name, primaryDataset: "online", processingString: "online", stage: "online" };
  const parts = name.split("/");
  if (parts.length !== 4 || parts[0] !== "" || !parts[1] || !parts[2] || !parts[3]) {
    throw new DatasetNameError(`dataset name '${name}' is not /<primary dataset>/<era-processing>/<tier>`);
  }
  const processing = parts[2].replace(ERA, "") || parts[2];
  return { name, primaryDataset: parts[1], processingString: processing, stage: stageOf(processing) };
}
