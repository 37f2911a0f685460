/**
 * `dqmflow ingest <paths…> [--reference-run N] [--local] [--json]`: DQM ROOT files (or directories
 * laid out like the DQM GUI's storage, highest version per run and dataset), OMS run metadata
 * (`*.json`, or CSV with `run_number`) and ML4DQM per-lumisection CSVs (`*.csv` with an `hname`
 * column).
 *
 * By default DQM and OMS files go through the same Temporal workflows as the watched folders
 * (`ingest-oms`, `ingest-file`, ids from the files' contents), which wake certification; the
 * command follows them with a progress bar. `--local` runs the same ingest functions in this
 * process, for a laptop without Temporal (no certification then). ML4DQM CSVs are imported in
 * this process either way. Ends with a summary of files, points, skipped and failed (with reasons).
 */
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import type { Client } from "@temporalio/client";
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/common";
import { createDb, type Db } from "../../../db/pool";
import { config } from "../../config/config";
import { loadCertificationConfig } from "../../certification/certification-config-file";
import { metricCatalog } from "../../ingest/catalog";
import { fileChecksum } from "../../ingest/checksum";
import { ingestDqmFile } from "../../ingest/ingest-dqm-file";
import { IngestInputError } from "../../ingest/ingest-errors";
import { meSelection } from "../../ingest/me-selection";
import { importMl4dqmCsv } from "../../ingest/ml4dqm-import";
import { ingestOmsFile } from "../../ingest/oms-file";
import { dqmFileNameOf } from "../../ingest/read-dqm-file";
import { planScan } from "../../ingest/scan";
import { createTemporalClient } from "../../../workflows/client";
import type { ingestFileWorkflow } from "../../../workflows/ingest/ingest-file.workflow";
import type { ingestOmsWorkflow } from "../../../workflows/ingest/ingest-oms.workflow";
import { ingestFileWorkflowType, ingestOmsWorkflowId, ingestOmsWorkflowType, ingestWorkflowId } from "../../../workflows/ingest/ingest.messages";
import { temporalSecurity } from "../../../workflows/temporal-connection";
import type { CliCommand } from "../main";

type Task = { path: string; kind: "dqm" | "ml4dqm" | "oms" };

export interface IngestSummary {
  files: number;
  ingested: number;
  points: number;
  skippedMetrics: number;
  upToDate: number;
  superseded: number;
  failed: { path: string; reason: string }[];
  /** Runs whose certification was told about new data or metadata. */
  certified: number[];
}

async function csvKind(path: string): Promise<Task["kind"]> {
  const head = (await readFile(path, "utf8")).slice(0, 2000).split(/\r?\n/)[0] ?? "";
  if (/(^|,)hname(,|$)/.test(head)) return "ml4dqm";
  if (/(^|,)run_number(,|$)/.test(head)) return "oms";
  throw new IngestInputError(`${path}: a CSV must be an ML4DQM export (hname column) or OMS run metadata (run_number column)`);
}

/** Expands the arguments into tasks; OMS metadata first, so the runs exist before their histograms. */
async function plan(db: Db, paths: string[], summary: IngestSummary): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st) {
      summary.failed.push({ path: p, reason: "no such file or directory" });
      continue;
    }
    if (st.isDirectory()) {
      const scan = await planScan(db, p);
      summary.upToDate += scan.upToDate;
      summary.superseded += scan.superseded;
      tasks.push(...scan.toIngest.map((f) => ({ path: f.path, kind: "dqm" as const })));
    } else if (p.endsWith(".root")) tasks.push({ path: p, kind: "dqm" });
    else if (p.endsWith(".json")) tasks.push({ path: p, kind: "oms" });
    else if (p.endsWith(".csv")) {
      try {
        tasks.push({ path: p, kind: await csvKind(p) });
      } catch (err) {
        summary.failed.push({ path: p, reason: err instanceof Error ? err.message : String(err) });
      }
    } else summary.failed.push({ path: p, reason: "not a .root, .csv or .json file" });
  }
  const order = { oms: 0, dqm: 1, ml4dqm: 2 };
  const unique = [...new Map(tasks.map((t) => [t.path, t])).values()];
  return unique.sort((a, b) => order[a.kind] - order[b.kind]);
}

export interface IngestOptions {
  referenceRun?: number;
  onProgress?: (done: number, total: number, path: string) => void;
  /** Temporal: DQM and OMS files go through the ingest workflows on this task queue. Absent: in this process. */
  temporal?: { client: Client; taskQueue: string };
  /** Globs of extra MEs to keep (INGEST_KEEP_MES). */
  keepMes?: readonly string[];
  certificationConfigFile?: string;
}

async function viaWorkflow(t: Task, opts: IngestOptions & { temporal: NonNullable<IngestOptions["temporal"]> }) {
  const { client, taskQueue } = opts.temporal;
  const { checksum } = await fileChecksum(t.path);
  const common = { taskQueue };
  if (t.kind === "oms") {
    const handle = await client.workflow.start<typeof ingestOmsWorkflow>(ingestOmsWorkflowType, { ...common, workflowId: ingestOmsWorkflowId(checksum), args: [{ path: t.path }] });
    const r = await handle.result();
    return { kind: "oms" as const, status: r.unchanged ? ("unchanged" as const) : ("ingested" as const), points: r.runs + r.lumisections, certified: r.certified };
  }
  const name = dqmFileNameOf(t.path);
  const handle = await client.workflow.start<typeof ingestFileWorkflow>(ingestFileWorkflowType, {
    ...common,
    workflowId: ingestWorkflowId({ ...name, checksum }),
    args: [{ path: t.path, ...(opts.referenceRun !== undefined ? { referenceRun: opts.referenceRun } : {}) }],
  });
  const r = await handle.result();
  return { kind: "dqm" as const, status: r.status, points: r.points, skipped: r.skippedMetrics, certified: r.certifyWorkflowId ? [r.run] : [] };
}

/** The innermost message of a workflow failure (the activity's ApplicationFailure). */
function reasonOf(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

export async function runIngest(db: Db, paths: string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { files: 0, ingested: 0, points: 0, skippedMetrics: 0, upToDate: 0, superseded: 0, failed: [], certified: [] };
  const tasks = await plan(db, paths, summary);
  summary.files = tasks.length + summary.failed.length + summary.upToDate;
  const local = tasks.some((t) => t.kind === "dqm") && !opts.temporal ? await localDqmContext(opts) : undefined;
  for (const [i, t] of tasks.entries()) {
    opts.onProgress?.(i, tasks.length, t.path);
    try {
      if (t.kind === "ml4dqm") {
        const r = await importMl4dqmCsv(db, t.path);
        summary.ingested++;
        summary.points += r.rows;
      } else if (opts.temporal) {
        const r = await viaWorkflow(t, { ...opts, temporal: opts.temporal });
        if (r.status === "superseded") summary.superseded++;
        else if (r.status === "unchanged") summary.upToDate++;
        else summary.ingested++;
        summary.points += r.points;
        if (r.kind === "dqm") summary.skippedMetrics += r.skipped;
        summary.certified.push(...r.certified);
      } else if (t.kind === "oms") {
        const r = await ingestOmsFile(db, t.path);
        if (r.unchanged) summary.upToDate++;
        else summary.ingested++;
        summary.points += r.runs.length + r.lumisections;
      } else {
        const r = await ingestDqmFile(db, local!.catalog, t.path, { selection: local!.selection, ...(opts.referenceRun !== undefined ? { referenceRun: opts.referenceRun } : {}) });
        if (r.status === "superseded") summary.superseded++;
        else if (r.status === "unchanged") summary.upToDate++;
        else summary.ingested++;
        summary.points += r.points;
        summary.skippedMetrics += r.skipped;
      }
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) summary.upToDate++;
      else if (err instanceof IngestInputError || opts.temporal) summary.failed.push({ path: t.path, reason: reasonOf(err) });
      else throw err;
    }
  }
  opts.onProgress?.(tasks.length, tasks.length, "");
  return summary;
}

async function localDqmContext(opts: IngestOptions) {
  const catalog = await metricCatalog();
  const selection = meSelection({ metrics: catalog.metrics, certification: await loadCertificationConfig(opts.certificationConfigFile), keep: opts.keepMes ?? [] });
  return { catalog, selection };
}

export const ingestCommand: CliCommand = {
  summary: "ingest DQM ROOT files or directories, OMS run metadata and ML4DQM CSVs (through Temporal; --local in this process)",
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, local: { type: "boolean", default: false }, "reference-run": { type: "string" } },
    });
    if (positionals.length === 0) {
      console.error("usage: dqmflow ingest <file.root|dir|oms.json|oms.csv|ml4dqm.csv>… [--reference-run N] [--local] [--json]");
      return 2;
    }
    const referenceRun = values["reference-run"] !== undefined ? Number(values["reference-run"]) : undefined;
    if (referenceRun !== undefined && !(Number.isInteger(referenceRun) && referenceRun > 0 && referenceRun <= 2_147_483_647)) {
      console.error(`dqmflow ingest: --reference-run must be a run number, got '${values["reference-run"]}'`);
      return 2;
    }
    const c = config();
    const db = createDb(c.DATABASE_URL, 2);
    const bar = values.json || !process.stdout.isTTY ? undefined : new SingleBar({ format: "ingest [{bar}] {value}/{total} files {file}", hideCursor: true });
    let client: Client | undefined;
    try {
      if (!values.local) {
        try {
          client = await createTemporalClient(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE, temporalSecurity(c));
        } catch (err) {
          console.error(`dqmflow ingest: Temporal at ${c.TEMPORAL_ADDRESS} is not reachable (${err instanceof Error ? err.message : String(err)}); use --local to ingest in this process`);
          return 1;
        }
      }
      bar?.start(1, 0, { file: "" });
      const s = await runIngest(db, positionals, {
        ...(referenceRun !== undefined ? { referenceRun } : {}),
        ...(client ? { temporal: { client, taskQueue: c.TEMPORAL_TASK_QUEUE } } : {}),
        keepMes: c.INGEST_KEEP_MES,
        ...(c.CERTIFICATION_CONFIG ? { certificationConfigFile: c.CERTIFICATION_CONFIG } : {}),
        onProgress: (done, total, path) => {
          bar?.setTotal(Math.max(1, total));
          bar?.update(done, { file: path.split("/").pop() ?? "" });
        },
      });
      bar?.stop();
      if (values.json) console.log(JSON.stringify(s));
      else {
        console.log(`files ${s.files} · ingested ${s.ingested} · points ${s.points} · skipped metrics ${s.skippedMetrics} · up to date ${s.upToDate} · superseded ${s.superseded} · failed ${s.failed.length}`);
        for (const f of s.failed) console.log(`  failed ${f.path}: ${f.reason}`);
        if (s.certified.length) console.log(`certification told about ${new Set(s.certified).size} runs`);
      }
      return s.failed.length ? 1 : 0;
    } finally {
      bar?.stop();
      await db.destroy();
      if (client) await client.connection.close().catch(() => undefined);
    }
  },
};
