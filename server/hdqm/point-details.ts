/** What a click on a trend point shows: run metadata, the value, the source histogram and its reference, links. */
import { z } from "zod";
import type { Db } from "../../db/pool";
import type { RunClass } from "../../db/tables/run.table";
import { decodeHistogram, encodeHistogram, type EncodedHistogram } from "../ingest/histogram-codec";
import { dqmGuiLink, type LinkBases, omsLink, runRegistryLink } from "./links";
import { TrendQueryError } from "./trend-query";

export const pointDetailsRequestSchema = z.object({
  subsystem: z.string().min(1),
  metric: z.string().regex(/^[A-Za-z0-9_+-]+$/),
  run: z.number().int().positive(),
  primaryDataset: z.string().min(1),
  processingString: z.string().min(1),
  /**
   * Run whose histogram is shown as the reference (same dataset keys). Without it: the
   * reference experts set for the run's class, else the closest earlier significant run of the
   * same class that has the histogram.
   */
  referenceRun: z.number().int().positive().optional(),
});

export type PointDetailsRequest = z.input<typeof pointDetailsRequestSchema>;

export interface PointDetails {
  run: {
    run: number;
    startTime: string;
    endTime: string | null;
    runClass: string;
    fill: number | null;
    bField: number | null;
    beamEnergy: number | null;
    deliveredLumi: number | null;
    recordedLumi: number | null;
    durationS: number | null;
    lsCount: number | null;
    hltKey: string | null;
    l1Key: string | null;
    significant: boolean;
  };
  dataset: string;
  metric: { subsystem: string; name: string; plotTitle: string; yTitle: string; function: string };
  point: { value: number; error: number } | null;
  mePath: string | null;
  histogram: EncodedHistogram | null;
  reference: { run: number; histogram: EncodedHistogram; chosenBy: ReferenceChoice } | null;
  alarms: { check: string; message: string }[];
  links: { dqmGui: string; oms: string; runRegistry: string };
  /** Whether dqmflow has a run page for this run (only runs under certification do). */
  runPage: boolean;
}

async function storedHistogram(db: Db, run: number, pd: string, ps: string, paths: readonly string[]) {
  const rows = await db
    .selectFrom("stored_histogram as h")
    .innerJoin("dataset as d", "d.id", "h.dataset_id")
    .select(["h.me_path", "h.histogram"])
    .where("d.run_number", "=", run)
    .where("d.primary_dataset", "=", pd)
    .where("d.processing_string", "=", ps)
    .where("h.me_path", "in", paths)
    .execute();
  for (const p of paths) {
    const r = rows.find((x) => x.me_path === p);
    // Decoding validates the stored row before it is sent on.
    if (r) return { mePath: p, histogram: encodeHistogram(decodeHistogram(r.histogram)) };
  }
  return null;
}

/** Why a reference run was used: asked for, the experts' choice for the run class, or the previous good run. */
export type ReferenceChoice = "request" | "run class" | "previous run";

/**
 * The reference run when none is requested (see `referenceRun`), among runs that have the ME in
 * the same primary dataset and processing string; null when there is none.
 */
export async function defaultReferenceRun(db: Db, run: { run: number; runClass: RunClass }, pd: string, ps: string, mePath: string): Promise<{ run: number; chosenBy: ReferenceChoice } | null> {
  const withMe = db
    .selectFrom("stored_histogram as h")
    .innerJoin("dataset as d", "d.id", "h.dataset_id")
    .select("d.run_number")
    .where("h.me_path", "=", mePath)
    .where("d.primary_dataset", "=", pd)
    .where("d.processing_string", "=", ps)
    .where("d.run_number", "!=", run.run);
  const expert = await withMe
    .innerJoin("cert_reference as c", "c.reference_run", "d.run_number")
    .where("c.run_class", "=", run.runClass)
    .executeTakeFirst();
  if (expert) return { run: expert.run_number, chosenBy: "run class" };
  const previous = await withMe
    .innerJoin("run as r", "r.run_number", "d.run_number")
    .where("r.run_class", "=", run.runClass)
    .where("r.significant", "=", true)
    .where("d.run_number", "<", run.run)
    .orderBy("d.run_number", "desc")
    .limit(1)
    .executeTakeFirst();
  return previous ? { run: previous.run_number, chosenBy: "previous run" } : null;
}

/** The point's details; its links on the configured bases. */
export async function pointDetails(db: Db, request: PointDetailsRequest, bases: LinkBases): Promise<PointDetails> {
  const req = pointDetailsRequestSchema.parse(request);
  const metric = await db.selectFrom("metric_definition").selectAll().where("subsystem", "=", req.subsystem).where("name", "=", req.metric).executeTakeFirst();
  if (!metric) throw new TrendQueryError(`unknown metric ${req.subsystem}/${req.metric}`);
  const row = await db
    .selectFrom("dataset as d")
    .innerJoin("run as r", "r.run_number", "d.run_number")
    .selectAll("r")
    .select(["d.id as dataset_id", "d.name as dataset_name"])
    .where("d.run_number", "=", req.run)
    .where("d.primary_dataset", "=", req.primaryDataset)
    .where("d.processing_string", "=", req.processingString)
    .executeTakeFirst();
  if (!row) throw new TrendQueryError(`run ${req.run} has no dataset ${req.primaryDataset} / ${req.processingString}`);
  const [point, source, alarms, certRun] = await Promise.all([
    db.selectFrom("metric_point").select(["value", "error"]).where("metric_id", "=", metric.id).where("dataset_id", "=", row.dataset_id).executeTakeFirst(),
    storedHistogram(db, req.run, req.primaryDataset, req.processingString, metric.me_paths),
    db.selectFrom("trend_alarm").select(["check_kind", "message"]).where("metric_id", "=", metric.id).where("dataset_id", "=", row.dataset_id).execute(),
    db.selectFrom("cert_run").select("run_number").where("run_number", "=", req.run).executeTakeFirst(),
  ]);
  const refRun = req.referenceRun !== undefined ? { run: req.referenceRun, chosenBy: "request" as const } : source ? await defaultReferenceRun(db, { run: req.run, runClass: row.run_class }, req.primaryDataset, req.processingString, source.mePath) : null;
  const ref = refRun ? await storedHistogram(db, refRun.run, req.primaryDataset, req.processingString, source ? [source.mePath] : metric.me_paths) : null;
  return {
    run: {
      run: row.run_number,
      startTime: row.start_time.toISOString(),
      endTime: row.end_time?.toISOString() ?? null,
      runClass: row.run_class,
      fill: row.fill_number,
      bField: row.b_field,
      beamEnergy: row.beam_energy,
      deliveredLumi: row.delivered_lumi,
      recordedLumi: row.recorded_lumi,
      durationS: row.duration_s,
      lsCount: row.ls_count,
      hltKey: row.hlt_key,
      l1Key: row.l1_key,
      significant: row.significant,
    },
    dataset: row.dataset_name,
    metric: { subsystem: metric.subsystem, name: metric.name, plotTitle: metric.plot_title, yTitle: metric.y_title, function: metric.function },
    point: point ?? null,
    mePath: source?.mePath ?? null,
    histogram: source?.histogram ?? null,
    reference: ref && refRun ? { run: refRun.run, histogram: ref.histogram, chosenBy: refRun.chosenBy } : null,
    alarms: alarms.map((a) => ({ check: a.check_kind, message: a.message })),
    links: { dqmGui: dqmGuiLink(bases, req.run, row.dataset_name, source?.mePath ?? metric.me_paths[0] ?? null), oms: omsLink(bases, req.run), runRegistry: runRegistryLink(bases, req.run) },
    runPage: certRun !== undefined,
  };
}
