/**
 * The write step of every ingest: one transaction that upserts the dataset, replaces its
 * points and stored histograms, records the file in the bookkeeping and runs the trend checks.
 * Either all of it lands or none of it does; a retry of the same input gives the same rows.
 */
import type { Db } from "../../db/pool";
import type { IngestKind } from "../../db/tables/ingest-file.table";
import { evaluateTrendChecks } from "../hdqm/trend-checks";
import type { MetricDefinition } from "../metrics/index";
import { parseDatasetName } from "./dataset-name";
import type { EncodedHistogram } from "./histogram-codec";
import { UnknownRunError } from "./ingest-errors";
import { metricKey, syncMetricDefinitions } from "./metric-definitions";
import { allocatePoints, replacePoints, replaceScopedPoints } from "./point-writer";
import { scopeTrendNotifications } from "./trend-scope";
import type { QualityReport } from "../histograms/quality-reports";

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, "\\$&");
}

export interface IngestSource {
  readonly path: string;
  readonly kind: IngestKind;
  readonly checksum: string;
  readonly sizeBytes: number;
  readonly version: number | null;
  readonly workflowId?: string;
  /** The subsystem whose share of the dataset a per-subsystem online file replaces; '' or absent: the whole dataset. */
  readonly scope?: string;
}

export interface IngestWrite {
  readonly source: IngestSource;
  readonly run: number;
  readonly dataset: string;
  readonly points: readonly { readonly subsystem: string; readonly metric: string; readonly value: number; readonly error: number }[];
  readonly skipped: readonly { readonly subsystem: string; readonly metric: string; readonly reason: string }[];
  readonly histograms: readonly { readonly mePath: string; readonly histogram: EncodedHistogram }[];
  /** Quality-test results CMSSW wrote into the file. */
  readonly qualityReports?: readonly QualityReport[];
  /**
   * Start time to give the run when OMS has not announced it yet (a DQM file may come first):
   * the run is created `provisional` and OMS metadata completes it. Without it, an unknown run
   * is an UnknownRunError.
   */
  readonly provisionalRunStart?: Date;
}

export interface IngestWriteResult {
  /** `unchanged`: this very content (same version and bytes) was ingested before; nothing was written. */
  readonly status: "ingested" | "superseded" | "unchanged";
  readonly datasetId: number | null;
  /** The run was created by this ingest, before OMS announced it. */
  readonly provisionalRun: boolean;
  readonly points: number;
  readonly skipped: number;
  readonly alarms: number;
  /** Set when superseded: the version already ingested. */
  readonly ingestedVersion?: number;
}

/** Writes one (run, dataset)'s results; `defs` are the catalog's definitions of the metrics named in `points`. */
export async function writeIngest(db: Db, defs: readonly MetricDefinition[], input: IngestWrite): Promise<IngestWriteResult> {
  const keys = parseDatasetName(input.dataset);
  const scope = input.source.scope ?? "";
  return db.transaction().execute(async (trx) => {
    // Every trend-table write below belongs to this dataset's series: the trend caches drop only its answers.
    await scopeTrendNotifications(trx, keys.primaryDataset, keys.processingString);
    let run = await trx.selectFrom("run").select(["run_number", "start_time", "provisional"]).where("run_number", "=", input.run).forShare().executeTakeFirst();
    if (!run && input.provisionalRunStart) {
      await trx
        .insertInto("run")
        .values({ run_number: input.run, start_time: input.provisionalRunStart, run_class: "Other", significant: true, provisional: true })
        .onConflict((oc) => oc.column("run_number").doNothing())
        .execute();
      run = await trx.selectFrom("run").select(["run_number", "start_time", "provisional"]).where("run_number", "=", input.run).forShare().executeTakeFirst();
    }
    if (!run) throw new UnknownRunError(input.run);

    const dataset = await trx
      .insertInto("dataset")
      .values({ run_number: input.run, name: keys.name, primary_dataset: keys.primaryDataset, processing_string: keys.processingString, stage: keys.stage })
      .onConflict((oc) => oc.columns(["run_number", "name"]).doUpdateSet({ name: keys.name }))
      .returning("id")
      .executeTakeFirstOrThrow();

    // Highest version wins: a late lower version changes nothing.
    if (input.source.version !== null) {
      const prev = await trx
        .selectFrom("ingest_file")
        .select((eb) => eb.fn.max("version").as("v"))
        .where("run_number", "=", input.run)
        .where("dataset_name", "=", keys.name)
        .where("scope", "=", scope)
        .where("outcome", "=", "ingested")
        .executeTakeFirst();
      if (prev?.v != null && prev.v > input.source.version) {
        return { status: "superseded", datasetId: dataset.id, provisionalRun: run.provisional, points: 0, skipped: 0, alarms: 0, ingestedVersion: prev.v };
      }
      if (prev?.v === input.source.version && input.source.checksum) {
        const same = await trx
          .selectFrom("ingest_file")
          .select(["id", "workflow_id", "points", "skipped"])
          .where("run_number", "=", input.run)
          .where("dataset_name", "=", keys.name)
          .where("scope", "=", scope)
          .where("version", "=", input.source.version)
          .where("checksum", "=", input.source.checksum)
          .where("outcome", "=", "ingested")
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst();
        // The latest ingest of this version had these bytes: the file is already in, a no-op.
        const latest = await trx.selectFrom("ingest_file").select("id").where("run_number", "=", input.run).where("dataset_name", "=", keys.name).where("scope", "=", scope).where("outcome", "=", "ingested").orderBy("id", "desc").limit(1).executeTakeFirst();
        if (same && latest?.id === same.id) {
          // The same workflow again: an earlier attempt of it committed but never heard back (the
          // database restarted at the commit, the worker died right after it). That attempt's
          // result is this one's, so the workflow goes on as after a first success and wakes
          // certification, which an `unchanged` would skip.
          if (input.source.workflowId && same.workflow_id === input.source.workflowId) {
            const alarms = await trx.selectFrom("trend_alarm").select((eb) => eb.fn.countAll<number>().as("n")).where("dataset_id", "=", dataset.id).executeTakeFirst();
            return { status: "ingested", datasetId: dataset.id, provisionalRun: run.provisional, points: same.points, skipped: same.skipped, alarms: Number(alarms?.n ?? 0) };
          }
          return { status: "unchanged", datasetId: dataset.id, provisionalRun: run.provisional, points: 0, skipped: 0, alarms: 0 };
        }
      }
    }

    const wanted = new Set(input.points.map((p) => metricKey(p.subsystem, p.metric)));
    const ids = await syncMetricDefinitions(trx, defs.filter((d) => wanted.has(metricKey(d.subsystem, d.name))));
    const cols = allocatePoints(input.points.length);
    const start = run.start_time.getTime();
    input.points.forEach((p, i) => {
      const id = ids.get(metricKey(p.subsystem, p.metric));
      if (id === undefined) throw new Error(`metric ${metricKey(p.subsystem, p.metric)} has no definition in the catalog given to writeIngest`);
      cols.time[i] = start;
      cols.runNumber[i] = input.run;
      cols.datasetId[i] = dataset.id;
      cols.metricId[i] = id;
      cols.value[i] = p.value;
      cols.error[i] = p.error;
    });
    const written = scope ? await replaceScopedPoints(trx, dataset.id, scope, cols) : await replacePoints(trx, [dataset.id], cols);

    let oldHistograms = trx.deleteFrom("stored_histogram").where("dataset_id", "=", dataset.id);
    let oldReports = trx.deleteFrom("file_quality_result").where("dataset_id", "=", dataset.id);
    if (scope) {
      oldHistograms = oldHistograms.where("me_path", "like", `${likeEscape(scope)}/%`);
      oldReports = oldReports.where("me_path", "like", `${likeEscape(scope)}/%`);
    }
    await oldHistograms.execute();
    await oldReports.execute();
    const reports = [...new Map((input.qualityReports ?? []).map((r) => [`${r.mePath}|${r.test}`, r])).values()];
    for (let i = 0; i < reports.length; i += 2000) {
      await trx
        .insertInto("file_quality_result")
        .values(reports.slice(i, i + 2000).map((r) => ({ dataset_id: dataset.id, run_number: input.run, me_path: r.mePath, test: r.test, status: r.status, result: r.result, algorithm: r.algorithm, message: r.message })))
        .execute();
    }
    if (input.histograms.length) {
      await trx
        .insertInto("stored_histogram")
        .values(input.histograms.map((h) => ({ dataset_id: dataset.id, run_number: input.run, me_path: h.mePath, histogram: JSON.stringify(h.histogram) })))
        .execute();
    }

    await trx
      .insertInto("ingest_file")
      .values({
        path: input.source.path,
        kind: input.source.kind,
        run_number: input.run,
        dataset_name: keys.name,
        version: input.source.version,
        checksum: input.source.checksum,
        size_bytes: input.source.sizeBytes,
        outcome: "ingested",
        points: written,
        skipped: input.skipped.length,
        message: input.skipped.length ? input.skipped.map((s) => `${s.subsystem}/${s.metric}: ${s.reason}`).join("; ").slice(0, 4000) : null,
        workflow_id: input.source.workflowId ?? null,
        scope,
      })
      .execute();

    const alarms = await evaluateTrendChecks(trx, dataset.id);
    return { status: "ingested", datasetId: dataset.id, provisionalRun: run.provisional, points: written, skipped: input.skipped.length, alarms };
  });
}

/** Records a failed file (bookkeeping only: nothing of its content is written). */
export async function recordIngestFailure(db: Db, source: IngestSource, message: string, run: number | null = null, dataset: string | null = null): Promise<void> {
  await db
    .insertInto("ingest_file")
    .values({
      path: source.path,
      kind: source.kind,
      run_number: run,
      dataset_name: dataset,
      version: source.version,
      checksum: source.checksum,
      size_bytes: source.sizeBytes,
      outcome: "failed",
      message: message.slice(0, 4000),
      workflow_id: source.workflowId ?? null,
      scope: source.scope ?? "",
    })
    .execute();
}
