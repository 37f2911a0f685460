/** `dqmflow demo [--if-empty]`: loads the demo season (refuses a non-empty database). */
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import { createDb } from "../../db/pool";
import { config } from "../../server/config/config";
import type { CliCommand } from "../../server/cli/main";
import { databaseIsEmpty, loadDemoData } from "./load-demo-data";

export const demoCommand: CliCommand = {
  summary: "load the demo season (300+ runs, several subsystems, real ML4DQM data) into an empty database",
  async run(args) {
    const { values } = parseArgs({ args, options: { "if-empty": { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
    const db = createDb(config().DATABASE_URL, 2);
    try {
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
      if (values.json) console.log(JSON.stringify(r));
      else {
        console.log(`demo: ${r.runs} runs, ${r.points} metric points, ${r.alarms} alarms, ${r.lsHistograms} per-lumisection histograms`);
        for (const s of r.skippedFiles) console.log(`  skipped ${s.file}: ${s.reason}`);
      }
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
