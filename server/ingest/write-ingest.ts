/**
 * The write step of every ingest: one transaction that upserts the dataset, replaces its
 * points and stored histograms, records the file in the bookkeeping and runs the trend checks.
 * Either all of it lands or none of it does; a retry of the same input gives the same rows.
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import type { IngestKind } from "../../db/tables/ingest-file.table";
import { evaluateTrendChecks } from "../hdqm/trend-checks";
import type { MetricDefinition } from "../metrics/index";
import { parseDatasetName } from "./dataset-name";
import type { EncodedHistogram } from "./histogram-codec";
import { UnknownRunError } from "./ingest-errors";
import { metricKey, syncMetricDefinitions } from "./metric-definitions";
import { allocatePoints, replacePoints } from "./point-writer";

export interface IngestSource {
  readonly path: string;
  readonly kind: IngestKind;
  readonly checksum: string;
  readonly sizeBytes: number;
  readonly version: number | null;
  readonly workflowId?: string;
}

export interface IngestWrite {
  readonly source: IngestSource;
  readonly run: number;
  readonly dataset: string;
  readonly points: readonly { readonly subsystem: string; readonly metric: string; readonly value: number; readonly error: number }[];
  readonly skipped: readonly { readonly subsystem: string; readonly metric: string; readonly reason: string }[];
  readonly histograms: readonly { readonly mePath: string; readonly histogram: EncodedHistogram }[];
}

export interface IngestWriteResult {
  readonly status: "ingested" | "superseded";
  readonly datasetId: number | null;
  readonly points: number;
  readonly skipped: number;
  readonly alarms: number;
  /** Set when superseded: the version already ingested. */
  readonly ingestedVersion?: number;
}

/** Writes one (run, dataset)'s results; `defs` are the catalog's definitions of the metrics named in `points`. */
export async function writeIngest(db: Db, defs: readonly MetricDefinition[], input: IngestWrite): Promise<IngestWriteResult> {
  const keys = parseDatasetName(input.dataset);
  return db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom("run").select(["run_number", "start_time"]).where("run_number", "=", input.run).forShare().executeTakeFirst();
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
        .where("outcome", "=", "ingested")
        .executeTakeFirst();
      if (prev?.v != null && prev.v > input.source.version) {
        return { status: "superseded", datasetId: dataset.id, points: 0, skipped: 0, alarms: 0, ingestedVersion: prev.v };
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
    const written = await replacePoints(trx, [dataset.id], cols);

    await trx.deleteFrom("stored_histogram").where("dataset_id", "=", dataset.id).execute();
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
      })
      .execute();

    const alarms = await evaluateTrendChecks(trx, dataset.id);
    return { status: "ingested", datasetId: dataset.id, points: written, skipped: input.skipped.length, alarms };
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
    })
    .execute();
}

/** The last successful ingest per (run, dataset): what the directory scan compares against. */
export async function ingestedVersions(db: Db, runs: readonly number[]): Promise<Map<string, { version: number; checksum: string }>> {
  const out = new Map<string, { version: number; checksum: string }>();
  if (runs.length === 0) return out;
  const rows = await db
    .selectFrom("ingest_file")
    .select(["run_number", "dataset_name", "version", "checksum"])
    .where("outcome", "=", "ingested")
    .where("kind", "=", "dqm-root")
    .where(sql<boolean>`run_number = any(${`{${runs.join(",")}}`}::int[])`)
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const k = `${r.run_number}|${r.dataset_name}`;
    const prev = out.get(k);
    if (!prev || (r.version ?? 0) >= prev.version) out.set(k, { version: r.version ?? 0, checksum: r.checksum });
  }
  return out;
}
