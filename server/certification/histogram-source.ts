/**
 * Where a stage's comparisons get their histograms. Certification only needs this small
 * interface; `dbHistogramSource` serves it from `cert_histogram` until HDQM's stored
 * histograms take over behind the same interface.
 */
import { z } from "zod";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import type { Histogram } from "../histograms/histogram";

export interface HistogramSource {
  /** The (newest, or the named) dataset of this run and stage whose histograms are available; null while there is none. */
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

const payloadSchema = z.object({
  kind: z.enum(["TH1", "TH2", "TProfile", "TProfile2D"]),
  name: z.string(),
  title: z.string().default(""),
  x: z.object({ nbins: z.number().int().positive(), min: z.number(), max: z.number() }),
  y: z.object({ nbins: z.number().int().positive(), min: z.number(), max: z.number() }).optional(),
  contents: z.array(z.number()),
  sumw2: z.array(z.number()).optional(),
  entries: z.number(),
});
export type HistogramPayload = z.input<typeof payloadSchema>;

export function encodeHistogram(h: Histogram): HistogramPayload {
  return {
    kind: h.kind,
    name: h.name,
    title: h.title,
    x: { nbins: h.x.nbins, min: h.x.min, max: h.x.max },
    ...(h.y ? { y: { nbins: h.y.nbins, min: h.y.min, max: h.y.max } } : {}),
    contents: Array.from(h.contents),
    ...(h.sumw2 ? { sumw2: Array.from(h.sumw2) } : {}),
    entries: h.entries,
  };
}

export function decodeHistogram(payload: unknown, where: string): Histogram {
  const p = payloadSchema.safeParse(payload);
  if (!p.success) throw new BadHistogramError(`${where}: not a histogram (${p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`);
  const v = p.data;
  const cells = (v.x.nbins + 2) * (v.y ? v.y.nbins + 2 : 1);
  if (v.contents.length !== cells) throw new BadHistogramError(`${where}: ${v.contents.length} contents for ${cells} cells`);
  if (v.sumw2 && v.sumw2.length !== cells) throw new BadHistogramError(`${where}: ${v.sumw2.length} sumw2 values for ${cells} cells`);
  return {
    kind: v.kind,
    name: v.name,
    title: v.title,
    x: v.x,
    ...(v.y ? { y: v.y } : {}),
    contents: Float64Array.from(v.contents),
    ...(v.sumw2 ? { sumw2: Float64Array.from(v.sumw2) } : {}),
    entries: v.entries,
  };
}

/** Stores a histogram for certification (ingest, tests and demo data); replaces an existing one. */
export async function putHistogram(db: Db, runNumber: number, dataset: string, mePath: string, payload: unknown): Promise<void> {
  await db
    .insertInto("cert_histogram")
    .values({ run_number: runNumber, dataset_name: dataset, me_path: mePath, payload: JSON.stringify(payload) })
    .onConflict((oc) => oc.columns(["run_number", "dataset_name", "me_path"]).doUpdateSet({ payload: JSON.stringify(payload) }))
    .execute();
}

export function dbHistogramSource(db: Db): HistogramSource {
  return {
    async findDataset(runNumber, stage, name) {
      let q = db.selectFrom("dataset").select("name").where("run_number", "=", runNumber).where("stage", "=", stage);
      if (name !== undefined) q = q.where("name", "=", name);
      const row = await q
        .where((eb) => eb.exists(eb.selectFrom("cert_histogram as h").select("h.me_path").whereRef("h.run_number", "=", "dataset.run_number").whereRef("h.dataset_name", "=", "dataset.name")))
        .orderBy("id", "desc")
        .executeTakeFirst();
      return row?.name ?? null;
    },
    async get(runNumber, dataset, mePath) {
      const row = await db.selectFrom("cert_histogram").select("payload").where("run_number", "=", runNumber).where("dataset_name", "=", dataset).where("me_path", "=", mePath).executeTakeFirst();
      return row ? decodeHistogram(row.payload, `run ${runNumber} ${dataset} ${mePath}`) : null;
    },
    async getReference(referenceRun, stage, mePath) {
      const row = await db
        .selectFrom("cert_histogram as h")
        .leftJoin("dataset as d", (j) => j.onRef("d.run_number", "=", "h.run_number").onRef("d.name", "=", "h.dataset_name"))
        .select("h.payload")
        .where("h.run_number", "=", referenceRun)
        .where("h.me_path", "=", mePath)
        .orderBy((eb) => eb.case().when("d.stage", "=", stage).then(0).else(1).end())
        .executeTakeFirst();
      return row ? decodeHistogram(row.payload, `reference run ${referenceRun} ${mePath}`) : null;
    },
  };
}
