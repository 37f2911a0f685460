/**
 * `dqmflow schedule`: creates the ingest schedule that scans the watched folders, or brings it
 * up to date with the configuration (DQM_STORAGE_DIR, OMS_DROP_DIR, INGEST_SCAN_INTERVAL_S,
 * INGEST_CONCURRENCY, INGEST_SCHEDULE_ID, TEMPORAL_TASK_QUEUE) — what a worker does at start-up, as a command of its
 * own for a deployment's Job (deploy/helm/dqmflow), so N worker replicas need not race to do it.
 */
import { config } from "../../config/config";
import { createTemporalClient } from "../../../workflows/client";
import { ensureIngestSchedule } from "../../../workflows/ingest/ingest-schedule";
import { temporalSecurity } from "../../../workflows/temporal-connection";
import type { CliCommand } from "../main";

export const scheduleCommand: CliCommand = {
  summary: "create or update the Temporal Schedule that scans the watched folders",
  help: "dqmflow schedule\n\nCreates the ingest schedule (INGEST_SCHEDULE_ID) scanning DQM_STORAGE_DIR and OMS_DROP_DIR every\nINGEST_SCAN_INTERVAL_S seconds on TEMPORAL_TASK_QUEUE, or updates it to these settings.",
  async run(args) {
    if (args.length > 0) {
      console.error(`dqmflow schedule: takes no arguments (got '${args.join(" ")}'); it reads its settings from the environment`);
      return 2;
    }
    const c = config();
    if (!c.DQM_STORAGE_DIR && !c.OMS_DROP_DIR) {
      console.error("dqmflow schedule: set DQM_STORAGE_DIR and/or OMS_DROP_DIR: there is no folder to scan");
      return 2;
    }
    const client = await createTemporalClient(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE, temporalSecurity(c));
    try {
      const s = await ensureIngestSchedule(client, {
        scheduleId: c.INGEST_SCHEDULE_ID,
        taskQueue: c.TEMPORAL_TASK_QUEUE,
        intervalS: c.INGEST_SCAN_INTERVAL_S,
        concurrency: c.INGEST_CONCURRENCY,
        ...(c.DQM_STORAGE_DIR ? { dqmDir: c.DQM_STORAGE_DIR } : {}),
        ...(c.OMS_DROP_DIR ? { omsDir: c.OMS_DROP_DIR } : {}),
      });
      const folders = [c.DQM_STORAGE_DIR, c.OMS_DROP_DIR].filter(Boolean).join(" and ");
      console.log(`schedule '${s.scheduleId}' ${s.created ? "created" : "updated"}: scans ${folders} every ${c.INGEST_SCAN_INTERVAL_S} s, ${c.INGEST_CONCURRENCY} files at a time, on task queue '${c.TEMPORAL_TASK_QUEUE}'`);
      return 0;
    } finally {
      await client.connection.close();
    }
  },
};
