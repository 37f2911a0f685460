/**
 * `dqmflow demo [--if-empty] [--wait-s N] [--json]`: loads the demo season into an empty database
 * through the pipeline (see load-demo-data.ts) and follows its live window until every file
 * dropped in the watched folders is ingested and each run is where its plan leaves it. Needs the
 * worker running with DQM_STORAGE_DIR and OMS_DROP_DIR set (npm start and npm test do that).
 */
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import { createDb } from "../../db/pool";
import { config } from "../../server/config/config";
import type { CliCommand } from "../../server/cli/main";
import { createTemporalClient } from "../../workflows/client";
import { followDemoCertification } from "./demo-certification";
import { databaseIsEmpty, loadDemoData } from "./load-demo-data";

export const demoCommand: CliCommand = {
  summary:
    "load the demo season (300+ runs, several subsystems, real ML4DQM data) into an empty database as DQM and OMS files through the ingest workflows, drop its live runs' files in the watched folders (DQM_STORAGE_DIR, OMS_DROP_DIR) and follow them through certification; needs the worker",
  async run(args) {
    const { values } = parseArgs({ args, options: { "if-empty": { type: "boolean", default: false }, json: { type: "boolean", default: false }, "wait-s": { type: "string", default: "900" } } });
    const c = config();
    const waitS = Number(values["wait-s"]);
    if (!Number.isFinite(waitS) || waitS <= 0) {
      console.error(`demo: --wait-s must be a positive number of seconds, not '${values["wait-s"]}'`);
      return 2;
    }
    const db = createDb(c.DATABASE_URL, 4);
    try {
      if (!(await databaseIsEmpty(db))) {
        console.log("demo: the database already holds runs; nothing loaded");
        return values["if-empty"] ? 0 : 1;
      }
      if (!c.DQM_STORAGE_DIR || !c.OMS_DROP_DIR) {
        console.error("demo: the demo drops its files in the watched folders: set DQM_STORAGE_DIR and OMS_DROP_DIR (npm start does), and run the worker with them");
        return 2;
      }
      const client = createTemporalClient(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE);
      client.catch(() => undefined);
      const deps = { db, temporal: () => client, taskQueue: c.TEMPORAL_TASK_QUEUE, dqmStorageDir: c.DQM_STORAGE_DIR, omsDropDir: c.OMS_DROP_DIR };
      try {
        const t0 = Date.now();
        const bar = values.json ? undefined : new SingleBar({ format: "demo [{bar}] {value}/{total} {what}", hideCursor: true });
        bar?.start(1, 0, { what: "" });
        const r = await loadDemoData(deps, {
          onProgress: (done, total, what) => {
            bar?.setTotal(total);
            bar?.update(done, { what });
          },
        });
        bar?.stop();
        const loadS = Math.round((Date.now() - t0) / 1000);
        if (!values.json) {
          console.log(`demo: ${r.runs} runs; history of ${r.archiveFiles} DQM files ingested by ingest-file workflows (${r.points} metric points) in ${loadS} s; ${r.lsHistograms} per-lumisection histograms`);
          for (const m of r.models) console.log(`  anomaly model: ${m}`);
          for (const s of r.skippedFiles) console.log(`  skipped ${s.file}: ${s.reason}`);
          console.log(`demo: ${r.liveFiles.length} DQM files of the ${r.liveRuns.length} live runs and their OMS metadata dropped in ${c.DQM_STORAGE_DIR} and ${c.OMS_DROP_DIR}; reference run ${r.referenceRun ?? "none"}`);
          console.log("demo: following them: schedule → ingest-file → certify-run (see the Temporal UI)");
        }
        const f = await followDemoCertification(deps, r.liveRuns, r.liveFiles, { timeoutMs: waitS * 1000, onProgress: (what) => !values.json && console.log(`  ${what}`) });
        const totalS = Math.round((Date.now() - t0) / 1000);
        if (values.json) console.log(JSON.stringify({ ...r, liveFiles: r.liveFiles.length, follow: f, loadSeconds: loadS, totalSeconds: totalS }));
        else console.log(`demo: live runs in place after ${f.seconds} s (${f.signOffs} sign-offs, ${f.calibrationReports} calibration reports by the demo's shifter); whole demo ${totalS} s`);
        return 0;
      } finally {
        await client.then((cl) => cl.connection.close()).catch(() => undefined);
      }
    } catch (err) {
      console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    } finally {
      await db.destroy();
    }
  },
};
