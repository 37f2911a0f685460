/**
 * Where a stage's comparisons get their histograms: the one histogram store that ingest fills
 * (`stored_histogram`, encoded by server/ingest/histogram-codec.ts). Certification only needs
 * this small interface, so a test can wrap it to inject faults.
 */
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import type { Histogram } from "../histograms/histogram";
import { decodeHistogram, HistogramCodecError } from "../ingest/histogram-codec";

export interface HistogramSource {
  /** The (newest, or the named) dataset of this run and stage whose histograms are stored; null while there is none. */
  findDataset(runNumber: number, stage: Stage, name?: string): Promise<string | null>;
  /** The ME of (run, dataset); null when absent. Throws BadHistogramError when stored data are unusable. */
  get(runNumber: number, dataset: string, mePath: string): Promise<Histogram | null>;
  /** The same ME in the reference run (any of its datasets of the same stage, else any). */
  getReference(referenceRun: number, stage: Stage, mePath: string): Promise<Histogram | null>;
}

/** Stored data that no retry can fix (a corrupt or mis-shaped histogram). */
export class BadHistogramError extends Error {
  override name = "BadHistogramError";
}

function decode(value: unknown, where: string): Histogram {
  try {
    return decodeHistogram(value);
  } catch (err) {
    if (err instanceof HistogramCodecError) throw new BadHistogramError(`${where}: ${err.message}`);
    throw err;
  }
}

export function dbHistogramSource(db: Db): HistogramSource {
  return {
    async findDataset(runNumber, stage, name) {
      let q = db.selectFrom("dataset").select("name").where("run_number", "=", runNumber).where("stage", "=", stage);
      if (name !== undefined) q = q.where("name", "=", name);
      const row = await q
        .where((eb) => eb.exists(eb.selectFrom("stored_histogram as h").select("h.id").whereRef("h.dataset_id", "=", "dataset.id")))
        .orderBy("id", "desc")
        .executeTakeFirst();
      return row?.name ?? null;
    },
    async get(runNumber, dataset, mePath) {
      const row = await db
        .selectFrom("stored_histogram as h")
        .innerJoin("dataset as d", "d.id", "h.dataset_id")
        .select("h.histogram")
        .where("d.run_number", "=", runNumber)
        .where("d.name", "=", dataset)
        .where("h.me_path", "=", mePath)
        .executeTakeFirst();
      return row ? decode(row.histogram, `run ${runNumber} ${dataset} ${mePath}`) : null;
    },
    async getReference(referenceRun, stage, mePath) {
      const row = await db
        .selectFrom("stored_histogram as h")
        .innerJoin("dataset as d", "d.id", "h.dataset_id")
        .select("h.histogram")
        .where("d.run_number", "=", referenceRun)
        .where("h.me_path", "=", mePath)
        .orderBy((eb) => eb.case().when("d.stage", "=", stage).then(0).else(1).end())
        .orderBy("d.id", "desc")
        .executeTakeFirst();
      return row ? decode(row.histogram, `reference run ${referenceRun} ${mePath}`) : null;
    },
  };
}
