/** `dqmflow demo [--if-empty] [--certification]`: loads the demo season (refuses a non-empty database), then starts certifying its latest runs. */
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import { createDb } from "../../db/pool";
import { config } from "../../server/config/config";
import type { CliCommand } from "../../server/cli/main";
import { createTemporalClient } from "../../workflows/client";
import { loadDemoCertification } from "./demo-certification";
import { databaseIsEmpty, loadDemoData } from "./load-demo-data";

export const demoCommand: CliCommand = {
  summary: "load the demo season (300+ runs, several subsystems, real ML4DQM data) into an empty database and start certifying its latest runs; --certification: only (re)start those",
  async run(args) {
    const { values } = parseArgs({ args, options: { "if-empty": { type: "boolean", default: false }, json: { type: "boolean", default: false }, certification: { type: "boolean", default: false } } });
    const c = config();
    const db = createDb(c.DATABASE_URL, 2);
    const certify = async () => {
      const client = createTemporalClient(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE);
      try {
        return await loadDemoCertification({ db, temporal: () => client, taskQueue: c.TEMPORAL_TASK_QUEUE });
      } finally {
        await client.then((cl) => cl.connection.close()).catch(() => undefined);
      }
    };
    try {
      if (values.certification) {
        const r = await certify();
        console.log(values.json ? JSON.stringify(r) : `demo: certification started for ${r.started} runs (${r.alreadyRunning} already running), reference run ${r.referenceRun ?? "none"}`);
        return 0;
      }
      if (!(await databaseIsEmpty(db))) {
        console.log("demo: the database already holds runs; nothing loaded");
        return values["if-empty"] ? 0 : 1;
      }
      const bar = values.json ? undefined : new SingleBar({ format: "demo [{bar}] {value}/{total} {what}", hideCursor: true });
      bar?.start(1, 0, { what: "" });
      const r = await loadDemoData(db, {
        onProgress: (done, total, what) => {
          bar?.setTotal(total);
          bar?.update(done, { what });
        },
      });
      bar?.stop();
      const cert = await certify();
      if (values.json) console.log(JSON.stringify({ ...r, certification: cert }));
      else {
        console.log(`demo: ${r.runs} runs, ${r.points} metric points, ${r.alarms} alarms, ${r.lsHistograms} per-lumisection histograms, certification started for ${cert.started} runs`);
        for (const m of r.models) console.log(`  anomaly model: ${m}`);
        for (const s of r.skippedFiles) console.log(`  skipped ${s.file}: ${s.reason}`);
      }
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
