/**
 * Loads the demo season through the pipeline, as files. Only into an empty database.
 *
 * - The season's history (every run but the live window of the latest ones): OMS-shaped
 *   metadata and one DQM harvest file per run (ZeroBias, 09Aug2019_UL2017 re-reco), written
 *   with uproot into a transfer folder and ingested by the `ingest-oms` / `ingest-file`
 *   workflows on the worker, like `dqmflow ingest` does, without waking certification (a
 *   re-reco of past runs would otherwise open a campaign for every run). The reference run of
 *   certification also gets its online, express and prompt files there, and the live runs their
 *   re-reco files (once their OMS metadata is in), so the season's trend covers every run.
 * - The real ML4DQM per-lumisection CSVs are imported in this process, and an anomaly model of
 *   the MainDiagonal shape is trained on them.
 * - The live window (demo-certification.ts plans it): its OMS metadata goes into the
 *   watched OMS drop folder and each run's online/express/prompt DQM files into the watched DQM
 *   storage, in the DQM GUI's layout. The Temporal Schedule ingests them and wakes each run's
 *   `certify-run` workflow — schedule → ingest → certify-run, visible in the Temporal UI.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Client } from "@temporalio/client";
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/common";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import { setReferenceRun } from "../../server/certification/cert-run.repository";
import { fileChecksum } from "../../server/ingest/checksum";
import { importMl4dqmCsv } from "../../server/ingest/ml4dqm-import";
import { IngestInputError } from "../../server/ingest/ingest-errors";
import { trainAnomalyModel } from "../../server/ml/anomaly-model";
import { lsHistogramRows } from "../../server/ml/ls-histogram-rows";
import { DEFAULT_PARAMS } from "../../server/ml/model";
import { insertModelVersion } from "../../server/ml/model-repository";
import type { ingestFileWorkflow } from "../../workflows/ingest/ingest-file.workflow";
import type { ingestOmsWorkflow } from "../../workflows/ingest/ingest-oms.workflow";
import { ingestFileWorkflowType, ingestOmsWorkflowId, ingestOmsWorkflowType, ingestWorkflowId } from "../../workflows/ingest/ingest.messages";
import { demoStageDataset, DEMO_LIVE_RUNS, ensureDemoRule, planFor, stageMes } from "./demo-certification";
import { type DqmFileSpec, dqmStoragePath, writeDqmFiles } from "./dqm-file-writer";
import { buildSeason, type DemoRun, demoDatasetName, omsRecords } from "./season";
import { runHistograms } from "./run-histograms";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedDataDir = path.resolve(root, "../shared/data");
const DEMO_MODEL_ME = "MainDiagonal Position";
/** The demo's own sub-folder of the watched DQM storage, and its OMS file name in the drop folder. */
export const DEMO_STORAGE_SUBDIR = "demo-season";
export const DEMO_OMS_FILE = "demo-season-oms.json";
/** History files ingested at the same time (the worker has two cores to share with the database). */
const ARCHIVE_CONCURRENCY = 3;
/** How long the schedule may take to ingest the live window's OMS file. */
const OMS_WAIT_MS = 180_000;

export interface DemoDeps {
  readonly db: Db;
  readonly temporal: () => Promise<Client>;
  readonly taskQueue: string;
  /** The watched folders (DQM_STORAGE_DIR, OMS_DROP_DIR). */
  readonly dqmStorageDir: string;
  readonly omsDropDir: string;
}

export interface DemoLoadOptions {
  /** Folder with golden/ and ml4dqm/ (default ../shared/data beside the project). */
  readonly dataDir?: string;
  readonly collisionRuns?: number;
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

export interface DemoLoadResult {
  readonly loaded: boolean;
  readonly runs: number;
  readonly archiveFiles: number;
  readonly points: number;
  readonly lsHistograms: number;
  /** Anomaly models trained on the imported per-lumisection histograms. */
  readonly models: readonly string[];
  /** Real-data files that could not be imported, with the reason. */
  readonly skippedFiles: readonly { readonly file: string; readonly reason: string }[];
  /** The live window, newest first, and the files dropped for it in the watched folders. */
  readonly liveRuns: readonly number[];
  readonly liveFiles: readonly string[];
  readonly referenceRun: number | null;
}

/** True when no run is in the database (the demo never mixes into real data). */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom("run").select("run_number").limit(1).execute()).length === 0;
}

/** The demo's files in the watched folders, left by an earlier load into a database since dropped. */
export async function removeDemoFiles(deps: Pick<DemoDeps, "dqmStorageDir" | "omsDropDir">): Promise<void> {
  await rm(path.join(deps.dqmStorageDir, DEMO_STORAGE_SUBDIR), { recursive: true, force: true });
  await rm(path.join(deps.omsDropDir, DEMO_OMS_FILE), { force: true });
}

/** The season split: history, the live window (newest first) and the certification reference. */
export function splitSeason(season: readonly DemoRun[], live = DEMO_LIVE_RUNS) {
  const sorted = [...season].sort((a, b) => a.run - b.run);
  const archive = sorted.slice(0, Math.max(0, sorted.length - live));
  const window = sorted.slice(archive.length).reverse();
  const reference = [...archive].reverse().find((r) => r.runClass === "Collisions" && r.golden) ?? null;
  return { archive, live: window, reference };
}

async function ingestFile(client: Client, taskQueue: string, file: string, run: number, dataset: string, referenceRun?: number): Promise<number> {
  const { checksum } = await fileChecksum(file);
  const workflowId = ingestWorkflowId({ run, dataset, scope: "", version: 1, checksum });
  try {
    const h = await client.workflow.start<typeof ingestFileWorkflow>(ingestFileWorkflowType, {
      workflowId,
      taskQueue,
      args: [{ path: file, certify: false, ...(referenceRun !== undefined ? { referenceRun } : {}) }],
    });
    return (await h.result()).points;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return (await client.workflow.getHandle<typeof ingestFileWorkflow>(workflowId).result()).points;
  }
}

async function ingestOms(client: Client, taskQueue: string, file: string, certify: boolean): Promise<void> {
  const { checksum } = await fileChecksum(file);
  const workflowId = ingestOmsWorkflowId(checksum);
  try {
    await (await client.workflow.start<typeof ingestOmsWorkflow>(ingestOmsWorkflowType, { workflowId, taskQueue, args: [{ path: file, certify }] })).result();
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    await client.workflow.getHandle<typeof ingestOmsWorkflow>(workflowId).result();
  }
}

/** The DQM files of one live run: one per stage its plan gives data to. */
export function liveRunFiles(storageDir: string, r: DemoRun, i: number): DqmFileSpec[] {
  const plan = planFor(i);
  return plan.stagesWithData.map((stage: Stage) => {
    const dataset = demoStageDataset(stage, r.run);
    return { file: dqmStoragePath(path.join(storageDir, DEMO_STORAGE_SUBDIR), r.run, dataset), run: r.run, mes: stageMes(r, stage, plan) };
  });
}

export async function loadDemoData(deps: DemoDeps, opts: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const { db } = deps;
  const empty: DemoLoadResult = { loaded: false, runs: 0, archiveFiles: 0, points: 0, lsHistograms: 0, models: [], skippedFiles: [], liveRuns: [], liveFiles: [], referenceRun: null };
  if (!(await databaseIsEmpty(db))) return empty;
  await removeDemoFiles(deps);
  const dataDir = opts.dataDir ?? sharedDataDir;
  const golden = JSON.parse(await readFile(path.join(dataDir, "golden", "GoldenJSON17.json"), "utf8")) as Record<string, [number, number][]>;
  const season = buildSeason(golden, opts.collisionRuns ?? 320);
  const { archive, live, reference } = splitSeason(season);
  const hdqmReference = season.filter((r) => r.runClass === "Collisions" && r.golden)[5]?.run;
  const client = await deps.temporal();
  const progress = opts.onProgress ?? (() => undefined);
  const total = archive.length * 2 + live.length + 8;

  // History: written into a transfer folder, ingested by workflows without certification. The
  // live runs' re-reco files too, once the schedule has brought their OMS metadata in (below).
  const transfer = await mkdtemp(path.join(tmpdir(), "dqmflow-demo-history-"));
  let points = 0;
  let liveFiles: string[] = [];
  const ulSpec = (r: DemoRun): DqmFileSpec & { dataset: string } => {
    const dataset = demoDatasetName(r.run);
    return { file: dqmStoragePath(transfer, r.run, dataset), run: r.run, dataset, mes: runHistograms(r) };
  };
  const ingestAll = async (queue: (DqmFileSpec & { dataset: string })[], done: () => void) => {
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        points += await ingestFile(client, deps.taskQueue, s.file, s.run, s.dataset, hdqmReference);
        done();
      }
    };
    await Promise.all(Array.from({ length: ARCHIVE_CONCURRENCY }, worker));
  };
  try {
    const omsFile = path.join(transfer, "oms-history.json");
    await writeFile(omsFile, JSON.stringify(omsRecords(archive)));
    const specs = archive.map(ulSpec);
    if (reference) {
      for (const stage of ["online", "express", "prompt"] as const) {
        const dataset = demoStageDataset(stage, reference.run);
        specs.push({ file: dqmStoragePath(transfer, reference.run, dataset), run: reference.run, dataset, mes: stageMes(reference, stage, planFor(-1)) });
      }
    }
    const liveUl = live.map(ulSpec);
    let written = 0;
    await writeDqmFiles([...specs, ...liveUl], { onFile: () => progress(++written, total, "writing the season's DQM files") });
    progress(written, total, "ingesting the season's OMS metadata");
    await ingestOms(client, deps.taskQueue, omsFile, false);
    // The HDQM reference run first: comparison metrics of the other runs read its histograms.
    const first = specs.findIndex((s) => s.run === hdqmReference);
    const queue = first >= 0 ? [specs[first]!, ...specs.filter((_, k) => k !== first)] : [...specs];
    let done = 0;
    const head = queue.shift();
    if (head) points += await ingestFile(client, deps.taskQueue, head.file, head.run, head.dataset);
    await ingestAll(queue, () => progress(written + ++done, total, "ingest-file workflows of the history"));

    progress(total - 1, total, "per-lumisection histograms and the anomaly model");
    const ml = await importMl4dqmAndTrain(db, dataDir);
    await ensureDemoRule(db);

    // An expert picks the reference run of each class (what certification.setReference does).
    if (reference) for (const runClass of ["Collisions", "Cosmics", "Commissioning"]) await setReferenceRun(db, runClass, reference.run, "demo-expert");

    // The live window: OMS metadata into the watched drop folder; once the schedule has ingested
    // it (and so started each run's certification), the runs' re-reco files for the trends, then
    // their online/express/prompt DQM files into the watched storage.
    progress(total, total, "dropping the live runs' files in the watched folders");
    await mkdir(deps.omsDropDir, { recursive: true });
    const omsDropped = path.join(deps.omsDropDir, DEMO_OMS_FILE);
    await writeFile(`${omsDropped}.tmp`, JSON.stringify(omsRecords(live)));
    await rename(`${omsDropped}.tmp`, omsDropped);
    await waitForIngest(db, omsDropped, OMS_WAIT_MS);
    await ingestAll([...liveUl], () => undefined);
    liveFiles = await writeDqmFiles(live.flatMap((r, i) => liveRunFiles(deps.dqmStorageDir, r, i)));
    return {
      loaded: true,
      runs: season.length,
      archiveFiles: specs.length + liveUl.length,
      points,
      ...ml,
      liveRuns: live.map((r) => r.run),
      liveFiles,
      referenceRun: reference?.run ?? null,
    };
  } finally {
    await rm(transfer, { recursive: true, force: true });
  }
}

/** The ML4DQM CSVs in this process, and an anomaly model trained on them. */
async function importMl4dqmAndTrain(db: Db, dataDir: string): Promise<Pick<DemoLoadResult, "lsHistograms" | "models" | "skippedFiles">> {
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
  const models: string[] = [];
  const rows = await lsHistogramRows(db, DEMO_MODEL_ME);
  if (rows.some((r) => r.golden && r.dcs)) {
    const model = trainAnomalyModel(rows, { me: DEMO_MODEL_ME, source: "table ls_histogram (demo)", params: DEFAULT_PARAMS["latent-knn"], seed: 1, replicates: 200 });
    await insertModelVersion(db, model, null);
    models.push(`${DEMO_MODEL_ME} (latent-knn, validation AUC ${model.validation.roc?.auc.toFixed(3) ?? "n/a"})`);
  }
  return { lsHistograms, models, skippedFiles };
}

/** Waits until the schedule has ingested a dropped file (its bookkeeping row), or says why not. */
async function waitForIngest(db: Db, file: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.selectFrom("ingest_file").select(["outcome", "message"]).where("path", "=", file).orderBy("id", "desc").executeTakeFirst();
    if (row?.outcome === "ingested") return;
    if (row?.outcome === "failed") throw new Error(`the pipeline refused ${file}: ${row.message ?? ""}`);
    if (Date.now() > until) throw new Error(`${file} was not ingested within ${Math.round(timeoutMs / 1000)} s: is the worker running with OMS_DROP_DIR set to its folder?`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
