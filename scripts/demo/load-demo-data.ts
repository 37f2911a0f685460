/**
 * Loads the demo season through the ingest path: OMS-shaped run metadata through the OMS
 * importer, each run's generated monitor elements through the same compute-and-write step as a
 * DQM ROOT file, and the real ML4DQM per-lumisection CSVs, on which an anomaly model of the
 * MainDiagonal shape is trained (so certification stages of runs with those histograms score
 * them). Only into an empty database.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../../db/pool";
import { metricCatalog } from "../../server/ingest/catalog";
import { ingestHistogramSet } from "../../server/ingest/ingest-histograms";
import { importMl4dqmCsv } from "../../server/ingest/ml4dqm-import";
import { importOmsRecords } from "../../server/ingest/oms-import";
import { IngestInputError } from "../../server/ingest/ingest-errors";
import { trainAnomalyModel } from "../../server/ml/anomaly-model";
import { lsHistogramRows } from "../../server/ml/ls-histogram-rows";
import { DEFAULT_PARAMS } from "../../server/ml/model";
import { insertModelVersion } from "../../server/ml/model-repository";
import { buildSeason, demoDatasetName, omsRecords } from "./season";
import { runHistograms } from "./run-histograms";
import { createHash } from "node:crypto";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedDataDir = path.resolve(root, "../shared/data");
const DEMO_MODEL_ME = "MainDiagonal Position";

export interface DemoLoadOptions {
  /** Folder with golden/ and ml4dqm/ (default ../shared/data beside the project). */
  readonly dataDir?: string;
  readonly metricConfigDir?: string;
  readonly collisionRuns?: number;
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

export interface DemoLoadResult {
  readonly loaded: boolean;
  readonly runs: number;
  readonly points: number;
  readonly alarms: number;
  readonly lsHistograms: number;
  /** Anomaly models trained on the imported per-lumisection histograms. */
  readonly models: readonly string[];
  /** Real-data files that could not be imported, with the reason. */
  readonly skippedFiles: readonly { readonly file: string; readonly reason: string }[];
}

/** True when no run is in the database (the demo never mixes into real data). */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom("run").select("run_number").limit(1).execute()).length === 0;
}

export async function loadDemoData(db: Db, opts: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  if (!(await databaseIsEmpty(db))) return { loaded: false, runs: 0, points: 0, alarms: 0, lsHistograms: 0, models: [], skippedFiles: [] };
  const dataDir = opts.dataDir ?? sharedDataDir;
  const golden = JSON.parse(await readFile(path.join(dataDir, "golden", "GoldenJSON17.json"), "utf8")) as Record<string, [number, number][]>;
  const season = buildSeason(golden, opts.collisionRuns ?? 320);
  const catalog = await metricCatalog(opts.metricConfigDir);
  await importOmsRecords(db, omsRecords(season), "demo season (OMS-shaped)");

  const collisions = season.filter((r) => r.runClass === "Collisions" && r.golden);
  const referenceRun = collisions[5]?.run;
  let points = 0;
  let alarms = 0;
  const total = season.length;
  for (const [i, r] of season.entries()) {
    opts.onProgress?.(i, total, `run ${r.run}`);
    const dataset = demoDatasetName(r.run);
    const fileName = `DQM_V0001_R${String(r.run).padStart(9, "0")}__${dataset.split("/").slice(1).join("__")}.root`;
    const res = await ingestHistogramSet(db, catalog, {
      source: { path: `demo:${fileName}`, kind: "generated", checksum: createHash("sha256").update(fileName).digest("hex"), sizeBytes: 0, version: 1 },
      run: r.run,
      dataset,
      mes: runHistograms(r),
      ...(referenceRun !== undefined ? { referenceRun } : {}),
    });
    points += res.points;
    alarms += res.alarms;
  }
  opts.onProgress?.(total, total, "per-lumisection histograms");
  let lsHistograms = 0;
  const skippedFiles: { file: string; reason: string }[] = [];
  const mlDir = path.join(dataDir, "ml4dqm");
  for (const f of (await readdir(mlDir)).filter((n) => n.endsWith(".csv")).sort()) {
    try {
      lsHistograms += (await importMl4dqmCsv(db, path.join(mlDir, f))).rows;
    } catch (err) {
      // A malformed export (some examples list no under/overflow) is reported, not fatal.
      if (!(err instanceof IngestInputError)) throw err;
      skippedFiles.push({ file: f, reason: err.message });
    }
  }
  opts.onProgress?.(total, total, "anomaly model");
  const models: string[] = [];
  const rows = await lsHistogramRows(db, DEMO_MODEL_ME);
  if (rows.some((r) => r.golden && r.dcs)) {
    const model = trainAnomalyModel(rows, { me: DEMO_MODEL_ME, source: "table ls_histogram (demo)", params: DEFAULT_PARAMS["latent-knn"], seed: 1, replicates: 200 });
    await insertModelVersion(db, model, null);
    models.push(`${DEMO_MODEL_ME} (latent-knn, validation AUC ${model.validation.roc?.auc.toFixed(3) ?? "n/a"})`);
  }
  return { loaded: true, runs: season.length, points, alarms, lsHistograms, models, skippedFiles };
}
