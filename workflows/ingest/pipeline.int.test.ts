/**
 * The one pipeline, with no action but dropping files: an OMS metadata file and two DQM ROOT
 * files (a reference run and a run with a bad DT shape, written by scripts/demo/make_pipeline_fixtures.py)
 * land in the watched folders of a Temporal Schedule. The schedule's scan ingests them (the worker
 * doing the run's ingest is killed in the middle of it), HDQM points appear, and the run's
 * `certify-run` workflow reaches its first sign-off with the automatic flag for the bad ME and
 * exactly one audit row per step.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../server/app-services";
import { auditTrail } from "../../server/certification/audit.repository";
import { fileChecksum } from "../../server/ingest/checksum";
import { forgetRuns, omsRun } from "../../server/ingest/test-support";
import { testServices } from "../../server/testing/integration";
import { certificationQuery, certifyRunWorkflowId } from "../certification/certify-run.messages";
import { eventually, testConfig } from "../certification/testing/cert-test-kit";
import { ensureIngestSchedule } from "./ingest-schedule";
import { ingestWorkflowId } from "./ingest.messages";

const RUN = 990301;
const REFERENCE = 990300;
const fixture = (run: number) => path.resolve(import.meta.dirname, `fixtures/DQM_V0001_R${String(run).padStart(9, "0")}__Global__Online__DQM.root`);
const workerScript = path.resolve(import.meta.dirname, "testing/pipeline-worker.ts");

let services: AppServices;
const children: ChildProcess[] = [];
let scheduleId: string | undefined;
let root: string | undefined;

function startWorker(taskQueue: string, configFile: string, slowMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", workerScript, taskQueue, configFile, String(slowMs)], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  let out = "";
  const seen = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(text) && resolve();
      child.stdout?.on("data", (b: Buffer) => {
        out += b.toString();
        check();
      });
      child.on("exit", (code) => reject(new Error(`worker process exited with ${code} before printing '${text}'`)));
      check();
    });
  return { child, ready: seen("worker ready"), seen };
}

async function forget(runs: number[]): Promise<void> {
  const client = await services.temporal();
  for (const rn of runs) await client.workflow.getHandle(certifyRunWorkflowId(rn)).terminate("pipeline test starts afresh").catch(() => undefined);
  for (const table of ["cert_audit", "cert_flag", "cert_comparison", "cert_dataset", "cert_run", "cert_calibration", "cert_notification"] as const) {
    await services.db.deleteFrom(table).where("run_number", "in", runs).execute();
  }
  await forgetRuns(services.db, runs);
}

/** Drops a file into a watched folder the way uploads do: written beside it, then renamed. */
async function drop(from: string | { text: string }, dir: string, name: string): Promise<void> {
  const tmp = path.join(dir, `.${name}.part`);
  if (typeof from === "string") await copyFile(from, tmp);
  else await writeFile(tmp, from.text);
  await rename(tmp, path.join(dir, name));
}

beforeAll(async () => {
  services = testServices();
  await forget([RUN, REFERENCE]);
});

afterAll(async () => {
  if (scheduleId) await (await services.temporal()).schedule.getHandle(scheduleId).delete().catch(() => undefined);
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  await forget([RUN, REFERENCE]).catch(() => undefined);
  await services.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("a DQM file dropped in the watched folder", () => {
  it("reaches the trends and the certification board through Temporal, and a worker killed mid-ingest changes nothing", { timeout: 180_000 }, async () => {
    root = await mkdtemp(path.join(tmpdir(), "dqmflow-pipeline-"));
    const dqmDir = path.join(root, "dqm", "OnlineData", "original", "00099xxxx", "0009903xx");
    const omsDir = path.join(root, "oms");
    await mkdir(dqmDir, { recursive: true });
    await mkdir(omsDir, { recursive: true });
    const configFile = path.join(root, "certification.json");
    await writeFile(
      configFile,
      JSON.stringify(testConfig(REFERENCE, { deadlines: { reminderMs: 3_600_000, escalationMs: 7_200_000 }, dataPollMs: 3_600_000, reprocessingIdleMs: null, calibration: { workflows: ["BeamSpot"], timeoutMs: 3_600_000 } })),
    );
    const taskQueue = `pipeline-${randomUUID()}`;
    const first = startWorker(taskQueue, configFile, 4_000);
    await first.ready;
    const client = await services.temporal();
    scheduleId = `test-ingest-scan-${randomUUID()}`;
    await ensureIngestSchedule(client, { scheduleId, taskQueue, dqmDir: path.join(root, "dqm"), omsDir, intervalS: 1 });

    const oms = [omsRun(REFERENCE, "2026-06-01T08:00:00Z", { last_lumisection_number: 20 }), omsRun(RUN, "2026-06-01T12:00:00Z", { last_lumisection_number: 20 })];
    await drop({ text: JSON.stringify({ data: oms.map((attributes) => ({ attributes })) }) }, omsDir, "runs-990300-990301.json");
    for (const run of [REFERENCE, RUN]) await drop(fixture(run), dqmDir, path.basename(fixture(run)));

    // The worker dies while the run's file is being ingested; a new one takes over.
    await first.seen(`ingest started ${path.join(dqmDir, path.basename(fixture(RUN)))}`);
    first.child.kill("SIGKILL");
    const second = startWorker(taskQueue, configFile, 0);
    await second.ready;

    const handle = client.workflow.getHandle(certifyRunWorkflowId(RUN));
    const view = await eventually(
      async () => {
        const v = await handle.query(certificationQuery);
        return v.awaitingSignoff.includes("online") ? v : undefined;
      },
      "the run's first sign-off",
      150_000,
    );
    expect(view).toMatchObject({ runClass: "Collisions", currentStage: "online", runState: "OPEN" });
    expect(view.stages[0]).toMatchObject({ stage: "online", dataset: "online", referenceRun: REFERENCE, comparisonError: null });

    const ingestId = ingestWorkflowId({ run: RUN, dataset: "online", scope: "", version: 1, checksum: (await fileChecksum(fixture(RUN))).checksum });
    expect((await client.workflow.getHandle(ingestId).describe()).status.name).toBe("COMPLETED");

    // HDQM: the metric's point, once, stamped with OMS's run start.
    const points = await services.db
      .selectFrom("metric_point as p")
      .innerJoin("metric_definition as m", "m.id", "p.metric_id")
      .select(["m.name", "p.time"])
      .where("p.run_number", "=", RUN)
      .execute();
    expect(points).toEqual([{ name: "size_ONTk_BPix_L1_mean", time: new Date("2026-06-01T12:00:00Z") }]);
    const book = await services.db.selectFrom("ingest_file").select(["outcome", "workflow_id"]).where("run_number", "=", RUN).execute();
    expect(book).toEqual([{ outcome: "ingested", workflow_id: ingestId }]);

    // The bad DT shape is an automatic BAD flag with its rule; the pixel is GOOD.
    const flags = await services.db.selectFrom("cert_flag").select(["component", "status", "origin_name"]).where("run_number", "=", RUN).orderBy("component").execute();
    expect(flags).toEqual([
      { component: "dt-dt", status: "BAD", origin_name: "dt-shape" },
      { component: "tracker-pixel", status: "GOOD", origin_name: "pixel-shape" },
    ]);

    const wf = certifyRunWorkflowId(RUN);
    const keys = (await auditTrail(services.db, RUN)).map((a) => a.idempotency_key).sort();
    expect(keys).toEqual([`${wf}/online/awaiting-signoff`, `${wf}/online/data`, `${wf}/online/online/autoflag/0`, `${wf}/online/online/autoflag/1`, `${wf}/online/start`].sort());
  });
});
