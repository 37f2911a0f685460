/**
 * `dqmflow bench pipeline [--files N] [--json]`: DQM files per minute through the whole pipeline.
 * N runs' files (the demo season's monitor elements, written with the project's DQM file writer)
 * and their OMS metadata are dropped into watched folders of a private Temporal Schedule (1 s
 * scans) served by an in-process worker; the clock runs from the drop until every file is
 * ingested (points, histograms, bookkeeping) and every run's `certify-run` workflow has taken its
 * data. The reference in the same run: the same files ingested by `ingestDqmFile` in a loop in
 * this process (what `dqmflow ingest --local` does), on copies with other run numbers.
 */
import { randomInt, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DefaultLogger, Runtime } from "@temporalio/worker";
import { sql } from "kysely";
import { createDb, type Db } from "../../../db/pool";
import { buildSeason } from "../../../scripts/demo/season";
import { runHistograms } from "../../../scripts/demo/run-histograms";
import { writeDqmFiles } from "../../../scripts/demo/dqm-file-writer";
import { createTemporalClient } from "../../../workflows/client";
import { ensureIngestSchedule } from "../../../workflows/ingest/ingest-schedule";
import { createWorker } from "../../../workflows/worker";
import { certifyRunWorkflowId } from "../../../workflows/certification/certify-run.messages";
import { loadCertificationConfig } from "../../certification/certification-config-file";
import { config } from "../../config/config";
import { metricCatalog } from "../../ingest/catalog";
import { ingestDqmFile } from "../../ingest/ingest-dqm-file";
import { meSelection } from "../../ingest/me-selection";
import { importOmsRecords } from "../../ingest/oms-import";
import type { CliCommand } from "../main";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function fileName(run: number): string {
  return `DQM_V0001_R${String(run).padStart(9, "0")}__Global__Online__DQM.root`;
}

function omsRecord(run: number, i: number) {
  const start = new Date(Date.UTC(2026, 5, 1) + i * 3_600_000);
  return { run_number: run, start_time: start.toISOString(), end_time: new Date(start.getTime() + 3_000_000).toISOString(), run_class: "Collisions", fill_number: 9000 + i, recorded_lumi: 50, delivered_lumi: 52, last_lumisection_number: 100, energy: 6800, b_field: 3.8 };
}

async function forget(db: Db, runs: readonly number[]): Promise<void> {
  const list = `{${runs.join(",")}}`;
  for (const t of ["cert_audit", "cert_flag", "cert_comparison", "cert_dataset", "cert_run", "cert_calibration", "cert_notification", "ingest_file", "metric_point", "lumisection"]) {
    await sql`delete from ${sql.table(t)} where run_number = any(${list}::int[])`.execute(db);
  }
  await sql`delete from run where run_number = any(${list}::int[])`.execute(db);
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`bench pipeline: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const benchPipelineCommand: CliCommand = {
  summary: "DQM files per minute through schedule → ingest → certify-run vs in-process ingest",
  async run(args) {
    const { values } = parseArgs({ args, options: { files: { type: "string", default: "200" }, json: { type: "boolean", default: false } } });
    const n = Number(values.files);
    if (!Number.isInteger(n) || n < 1 || n > 5000) throw new Error(`--files must be an integer in 1..5000, got '${values.files}'`);
    const c = config();
    try {
      Runtime.install({ logger: new DefaultLogger("WARN") });
    } catch {
      // already installed
    }
    const db = createDb(c.DATABASE_URL, 10);
    const golden = JSON.parse(await readFile(path.resolve(root, "../shared/data/golden/GoldenJSON17.json"), "utf8")) as Record<string, [number, number][]>;
    const season = buildSeason(golden, n).slice(0, n);
    const base = randomInt(1_700_000_000, 2_000_000_000);
    const piped = season.map((_, i) => base + i);
    const local = season.map((_, i) => base + n + i);
    const dir = await mkdtemp(path.join(tmpdir(), "dqmflow-bench-pipeline-"));
    const staging = path.join(dir, "staging");
    const dqmDir = path.join(dir, "dqm", "OnlineData", "original", "bench");
    const omsDir = path.join(dir, "oms");
    const taskQueue = `bench-pipeline-${randomUUID()}`;
    const scheduleId = `bench-pipeline-${randomUUID()}`;
    const certConfig = path.join(dir, "certification.json");
    const client = await createTemporalClient(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE);
    let stopWorker: (() => Promise<void>) | undefined;
    try {
      await Promise.all([mkdir(staging, { recursive: true }), mkdir(dqmDir, { recursive: true }), mkdir(omsDir, { recursive: true })]);
      // The product's configuration, without sign-off deadlines that would fire during the bench.
      await writeFile(certConfig, JSON.stringify({ ...(await loadCertificationConfig()), dataPollMs: 3_600_000 }));
      if (!values.json) console.log(`writing ${2 * n} DQM files…`);
      const specs = (runs: number[]) => runs.map((run, i) => ({ file: path.join(staging, fileName(run)), run, mes: runHistograms({ ...season[i]!, run }) }));
      await writeDqmFiles([...specs(piped), ...specs(local)]);
      const sizes = await Promise.all(piped.map(async (r) => (await readFile(path.join(staging, fileName(r)))).length));

      // Reference: the same work in this process, file after file.
      await importOmsRecords(db, local.map(omsRecord), "bench pipeline (local)");
      const catalog = await metricCatalog();
      const selection = meSelection({ metrics: catalog.metrics, certification: await loadCertificationConfig(certConfig), keep: c.INGEST_KEEP_MES });
      const l0 = performance.now();
      for (const run of local) await ingestDqmFile(db, catalog, path.join(staging, fileName(run)), { selection });
      const localS = (performance.now() - l0) / 1000;

      const w = await createWorker({ address: c.TEMPORAL_ADDRESS, namespace: c.TEMPORAL_NAMESPACE, taskQueue, databaseUrl: c.DATABASE_URL, certificationConfigFile: certConfig });
      const running = w.worker.run();
      stopWorker = async () => {
        if (w.worker.getState() === "RUNNING") w.worker.shutdown();
        await running.catch((err: unknown) => console.error(`bench pipeline: the worker stopped: ${err instanceof Error ? err.message : String(err)}`));
        await w.close();
      };
      await ensureIngestSchedule(client, { scheduleId, taskQueue, dqmDir: path.dirname(path.dirname(dqmDir)), omsDir, intervalS: 1 });

      const t0 = performance.now();
      await writeFile(path.join(omsDir, "runs.json"), JSON.stringify(piped.map(omsRecord)));
      for (const run of piped) await rename(path.join(staging, fileName(run)), path.join(dqmDir, fileName(run)));
      const list = `{${piped.join(",")}}`;
      await until("every file ingested", 30 * 60_000, async () => {
        const r = await sql<{ n: string }>`select count(*) as n from ingest_file where outcome = 'ingested' and kind = 'dqm-root' and run_number = any(${list}::int[])`.execute(db);
        return Number(r.rows[0]?.n) >= n;
      });
      const ingestedS = (performance.now() - t0) / 1000;
      // certify-run writes the board row when a stage starts; its data are taken when the stage's "data" step is audited.
      await until("every run's certification to take its data", 30 * 60_000, async () => {
        const r = await sql<{ n: string }>`select count(distinct run_number) as n from cert_audit where run_number = any(${list}::int[]) and kind = 'transition' and reason like 'data of % available'`.execute(db);
        return Number(r.rows[0]?.n) >= n;
      });
      const pipelineS = (performance.now() - t0) / 1000;
      const result = {
        files: n,
        meanFileBytes: Math.round(sizes.reduce((a, b) => a + b, 0) / n),
        pipelineSeconds: pipelineS,
        ingestedSeconds: ingestedS,
        pipelineFilesPerMin: (n / pipelineS) * 60,
        localSeconds: localS,
        localFilesPerMin: (n / localS) * 60,
        ratioLocalOverPipeline: localS > 0 ? pipelineS / localS : null,
      };
      if (values.json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(`pipeline: ${n} files (mean ${(result.meanFileBytes / 1024).toFixed(0)} KiB) dropped → ingested in ${ingestedS.toFixed(1)} s, certification took all in ${pipelineS.toFixed(1)} s = ${result.pipelineFilesPerMin.toFixed(0)} files/min`);
        console.log(`in-process ingest of the same files: ${localS.toFixed(1)} s = ${result.localFilesPerMin.toFixed(0)} files/min`);
        console.log(`pipeline / in-process time: ${(pipelineS / localS).toFixed(2)}×`);
      }
      return 0;
    } finally {
      await client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
      await stopWorker?.();
      for (const run of piped) await client.workflow.getHandle(certifyRunWorkflowId(run)).terminate("bench done").catch(() => undefined);
      await forget(db, [...piped, ...local]);
      await client.connection.close();
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
