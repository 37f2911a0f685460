/**
 * `dqmflow ingest <paths…> [--reference-run N] [--json]`: DQM ROOT files (or directories laid out
 * like the DQM GUI's storage, highest version per run and dataset), ML4DQM per-lumisection CSVs
 * (`*.csv` with an `hname` column) and OMS run metadata (`*.json`, or CSV with `run_number`).
 * Runs in this process through the same steps as the ingest workflows; shows a progress bar
 * and ends with a summary of files, points, skipped and failed (with reasons).
 */
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import { createDb, type Db } from "../../../db/pool";
import { config } from "../../config/config";
import { metricCatalog } from "../../ingest/catalog";
import { ingestDqmFile } from "../../ingest/ingest-dqm-file";
import { IngestInputError } from "../../ingest/ingest-errors";
import { importMl4dqmCsv } from "../../ingest/ml4dqm-import";
import { importOmsRecords, parseOmsRecords } from "../../ingest/oms-import";
import { planScan } from "../../ingest/scan";
import { certifyNewRuns, unknownRuns } from "../../certification/new-runs";
import { createTemporalClient } from "../../../workflows/client";
import type { CliCommand } from "../main";

type Task = { path: string; kind: "dqm" | "ml4dqm" | "oms-json" | "oms-csv"; run?: number };

export interface IngestSummary {
  files: number;
  ingested: number;
  points: number;
  skippedMetrics: number;
  upToDate: number;
  superseded: number;
  failed: { path: string; reason: string }[];
}

async function csvKind(path: string): Promise<Task["kind"]> {
  const head = (await readFile(path, "utf8")).slice(0, 2000).split(/\r?\n/)[0] ?? "";
  if (/(^|,)hname(,|$)/.test(head)) return "ml4dqm";
  if (/(^|,)run_number(,|$)/.test(head)) return "oms-csv";
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
      tasks.push(...scan.toIngest.map((f) => ({ path: f.path, kind: "dqm" as const, run: f.run })));
    } else if (p.endsWith(".root")) tasks.push({ path: p, kind: "dqm" });
    else if (p.endsWith(".json")) tasks.push({ path: p, kind: "oms-json" });
    else if (p.endsWith(".csv")) {
      try {
        tasks.push({ path: p, kind: await csvKind(p) });
      } catch (err) {
        summary.failed.push({ path: p, reason: err instanceof Error ? err.message : String(err) });
      }
    } else summary.failed.push({ path: p, reason: "not a .root, .csv or .json file" });
  }
  const order = { "oms-json": 0, "oms-csv": 0, dqm: 1, ml4dqm: 2 };
  const unique = [...new Map(tasks.map((t) => [t.path, t])).values()];
  return unique.sort((a, b) => order[a.kind] - order[b.kind]);
}

export interface IngestOptions {
  referenceRun?: number;
  onProgress?: (done: number, total: number, path: string) => void;
  /** Called with the runs an OMS import has just created (the CLI starts their certification). */
  onNewRuns?: (runNumbers: number[]) => Promise<void>;
}

export async function runIngest(db: Db, paths: string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { files: 0, ingested: 0, points: 0, skippedMetrics: 0, upToDate: 0, superseded: 0, failed: [] };
  const tasks = await plan(db, paths, summary);
  summary.files = tasks.length + summary.failed.length + summary.upToDate;
  const catalog = tasks.some((t) => t.kind === "dqm") ? await metricCatalog() : undefined;
  for (const [i, t] of tasks.entries()) {
    opts.onProgress?.(i, tasks.length, t.path);
    try {
      if (t.kind === "dqm") {
        const r = await ingestDqmFile(db, catalog!, t.path, opts.referenceRun !== undefined ? { referenceRun: opts.referenceRun } : {});
        if (r.status === "superseded") summary.superseded++;
        else summary.ingested++;
        summary.points += r.points;
        summary.skippedMetrics += r.skipped;
      } else if (t.kind === "ml4dqm") {
        const r = await importMl4dqmCsv(db, t.path);
        summary.ingested++;
        summary.points += r.rows;
      } else {
        const text = await readFile(t.path, "utf8");
        const records = parseOmsRecords(text, t.kind === "oms-json" ? "json" : "csv", t.path);
        const fresh = await unknownRuns(db, records.filter((rec) => !("lumisection_number" in rec)).map((rec) => Number(rec.run_number)).filter(Number.isInteger));
        const r = await importOmsRecords(db, records, t.path);
        if (fresh.length > 0) await opts.onNewRuns?.(fresh);
        summary.ingested++;
        summary.points += r.runs + r.lumisections;
      }
    } catch (err) {
      if (!(err instanceof IngestInputError)) throw err;
      summary.failed.push({ path: t.path, reason: err.message });
    }
  }
  opts.onProgress?.(tasks.length, tasks.length, "");
  return summary;
}

export const ingestCommand: CliCommand = {
  summary: "ingest DQM ROOT files or directories, ML4DQM CSVs and OMS run metadata",
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false }, "reference-run": { type: "string" } } });
    if (positionals.length === 0) {
      console.error("usage: dqmflow ingest <file.root|dir|ml4dqm.csv|oms.json|oms.csv>… [--reference-run N] [--json]");
      return 2;
    }
    const referenceRun = values["reference-run"] !== undefined ? Number(values["reference-run"]) : undefined;
    if (referenceRun !== undefined && !(Number.isInteger(referenceRun) && referenceRun > 0)) {
      console.error(`dqmflow ingest: --reference-run must be a run number, got '${values["reference-run"]}'`);
      return 2;
    }
    const c = config();
    const db = createDb(c.DATABASE_URL, 2);
    const bar = values.json || !process.stdout.isTTY ? undefined : new SingleBar({ format: "ingest [{bar}] {value}/{total} files {file}", hideCursor: true });
    let temporal: ReturnType<typeof createTemporalClient> | undefined;
    const certification = { started: [] as number[], failed: [] as { runNumber: number; reason: string }[] };
    try {
      bar?.start(1, 0, { file: "" });
      const s = await runIngest(db, positionals, {
        ...(referenceRun !== undefined ? { referenceRun } : {}),
        onNewRuns: async (runs) => {
          temporal ??= createTemporalClient(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE);
          const client = temporal;
          const r = await certifyNewRuns({ db, temporal: () => client, taskQueue: c.TEMPORAL_TASK_QUEUE }, runs);
          certification.started.push(...r.started);
          certification.failed.push(...r.failed);
        },
        onProgress: (done, total, path) => {
          bar?.setTotal(Math.max(1, total));
          bar?.update(done, { file: path.split("/").pop() ?? "" });
        },
      });
      bar?.stop();
      if (values.json) console.log(JSON.stringify({ ...s, certification }));
      else {
        console.log(`files ${s.files} · ingested ${s.ingested} · points ${s.points} · skipped metrics ${s.skippedMetrics} · up to date ${s.upToDate} · superseded ${s.superseded} · failed ${s.failed.length}`);
        for (const f of s.failed) console.log(`  failed ${f.path}: ${f.reason}`);
        if (certification.started.length) console.log(`certification started for ${certification.started.length} new runs`);
        for (const f of certification.failed) console.log(`  certification of run ${f.runNumber} not started: ${f.reason}`);
      }
      return s.failed.length || certification.failed.length ? 1 : 0;
    } finally {
      bar?.stop();
      await db.destroy();
      if (temporal) await temporal.then((cl) => cl.connection.close()).catch(() => undefined);
    }
  },
};
