/** Reference histograms for comparison metrics: the stored MEs of a reference run's matching dataset. */
import type { Db } from "../../db/pool";
import type { Histogram } from "../histograms/histogram";
import { parseDatasetName } from "./dataset-name";
import { decodeHistogram } from "./histogram-codec";

/**
 * The stored histograms of `referenceRun` in the dataset with the same primary dataset and
 * processing string as `dataset` (the era may differ). Empty when the run has none.
 */
export async function loadReferenceHistograms(db: Db, referenceRun: number, dataset: string): Promise<Map<string, Histogram>> {
  const keys = parseDatasetName(dataset);
  const rows = await db
    .selectFrom("stored_histogram as h")
    .innerJoin("dataset as d", "d.id", "h.dataset_id")
    .select(["h.me_path", "h.histogram"])
    .where("d.run_number", "=", referenceRun)
    .where("d.primary_dataset", "=", keys.primaryDataset)
    .where("d.processing_string", "=", keys.processingString)
    .execute();
  return new Map(rows.map((r) => [r.me_path, decodeHistogram(r.histogram)]));
}
