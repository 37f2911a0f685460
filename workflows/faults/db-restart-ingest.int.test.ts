/**
 * Fault: the database restarts in the middle of a bulk ingest (issue 11, R1/R2). A folder of DQM
 * files goes through `scan-watched-folders` → `ingest-file` on a worker of this process; when
 * part of it is written, PostgreSQL is restarted (`services.sh restart-db`, fast: open
 * transactions are cut). Nobody intervenes afterwards: the workflows retry their activities and
 * the scan ends with every file ingested. What is stored — points, histograms, bookkeeping — is
 * the same as a clean ingest of the same files: nothing lost, nothing twice.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../server/app-services";
import { loadCertificationConfig } from "../../server/certification/certification-config-file";
import { metricCatalog } from "../../server/ingest/catalog";
import { fileChecksum } from "../../server/ingest/checksum";
import { ingestDqmFile } from "../../server/ingest/ingest-dqm-file";
import { meSelection } from "../../server/ingest/me-selection";
import { dqmFileNameOf } from "../../server/ingest/read-dqm-file";
import { forgetRuns } from "../../server/ingest/test-support";
import { startTestWorker, testServices } from "../../server/testing/integration";
import { eventually } from "../certification/testing/cert-test-kit";
import { ingestWorkflowId, scanWatchedFoldersWorkflowType } from "../ingest/ingest.messages";
import type { scanWatchedFoldersWorkflow } from "../ingest/scan-watched-folders.workflow";
import { announceRuns, ingestFingerprint, pointCount, writeBulkFiles, type BulkFiles } from "./testing/bulk-files";
import { ensureUp, faultProfile, restartDatabase } from "./testing/fault-services";

const FILES = 24;
/** The file whose ingest transaction the restart cuts. */
const HELD = FILES / 2;

let services: AppServices;
let profile: string | undefined;
let root: string | undefined;
let bulk: BulkFiles | undefined;
let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;
let held: Awaited<ReturnType<typeof holdRun>> | undefined;
let scanId: string | undefined;

beforeAll(() => {
  profile = faultProfile();
  services = testServices();
});

afterAll(async () => {
  // Whatever happened in the test, the profile's services run again for the next test file.
  if (profile) await ensureUp(profile);
  // A test that failed before the restart still holds the run's lock; the cleanup needs it.
  await held?.client.end().catch(() => undefined);
  // A failed test leaves no scan behind (its children end with it).
  if (scanId) await (await services.temporal()).workflow.getHandle(scanId).terminate("test over").catch(() => undefined);
  await worker?.stop();
  if (bulk) await forgetRuns(services.db, bulk.runs).catch(() => undefined);
  await services?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/**
 * Holds a row lock on `run` in a session of its own, so the ingest transaction of that run's
 * file waits inside its transaction (its first statement locks the run FOR SHARE) until the
 * restart cuts it. The session itself dies in the restart.
 */
async function holdRun(databaseUrl: string, run: number): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "dqmflow-fault-test-lock" });
  client.on("error", () => undefined);
  await client.connect();
  await client.query("begin");
  await client.query("select 1 from run where run_number = $1 for update", [run]);
  const pid = (await client.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
  return { client, pid };
}

/** Whether a pooled dqmflow session waits for the holder's lock (the held run's ingest transaction). */
async function ingestWaitsOn(db: AppServices["db"], holderPid: number): Promise<true | undefined> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and application_name = 'dqmflow' and ${holderPid}::int = any(pg_blocking_pids(pid))`.execute(db);
  return r.rows[0]!.n > 0 ? true : undefined;
}

describe("the database restarted in the middle of a bulk ingest", () => {
  it("loses no point, writes none twice, and the ingest workflows finish by themselves", { timeout: 150_000 }, async () => {
    root = await mkdtemp(path.join(tmpdir(), "dqmflow-fault-db-"));
    const dqmDir = path.join(root, "dqm", "OfflineData", "Run2017", "ZeroBias");
    await mkdir(dqmDir, { recursive: true });
    bulk = await writeBulkFiles(dqmDir, FILES);
    const { runs, files } = bulk;

    // The clean ingest: the same files through the same function, in this process, no fault.
    await announceRuns(services.db, runs);
    const catalog = await metricCatalog();
    const selection = meSelection({ metrics: catalog.metrics, certification: await loadCertificationConfig(), keep: [] });
    for (const f of files) await ingestDqmFile(services.db, catalog, f, { selection });
    const clean = await ingestFingerprint(services.db, runs);
    expect(clean.points).toBeGreaterThan(FILES * 10);
    expect(clean).toMatchObject({ distinctPoints: clean.points, ingestedFiles: FILES, distinctIngestedFiles: FILES, failedFiles: 0 });
    expect(clean.histograms).toBeGreaterThan(FILES);
    await forgetRuns(services.db, runs);
    await announceRuns(services.db, runs);

    // The restart comes when the file of the run in the middle is being written: its ingest
    // transaction is open (held on the run's lock), the other files go on beside it.
    const lock = (held = await holdRun(services.config.DATABASE_URL, runs[HELD]!));
    // The bulk ingest through the pipeline's workflows, on a worker of this process.
    worker = await startTestWorker(services);
    const client = await services.temporal();
    const scan = await client.workflow.start<typeof scanWatchedFoldersWorkflow>(scanWatchedFoldersWorkflowType, {
      taskQueue: worker.taskQueue,
      workflowId: (scanId = `fault-db-restart-scan-${runs[0]}`),
      args: [{ dqmDir: path.join(root, "dqm"), certify: false }],
    });

    await eventually(() => ingestWaitsOn(services.db, lock.pid), "the held run's ingest transaction", 90_000);
    const before = await pointCount(services.db, runs);
    await restartDatabase(profile!);
    await lock.client.end().catch(() => undefined);
    const afterRestart = await pointCount(services.db, runs);
    // It landed mid-ingest: some points were in before the restart, not all of them.
    expect(before).toBeGreaterThan(0);
    expect(afterRestart).toBeLessThan(clean.points);

    const outcome = await scan.result();
    expect(outcome.failed).toEqual([]);
    // Every file counts as ingested, also one whose commit landed but whose reply the restart cut.
    expect(outcome).toMatchObject({ ingested: FILES, upToDate: 0, points: clean.points });

    // Nothing lost, nothing twice: the same rows as the clean ingest.
    expect(await ingestFingerprint(services.db, runs)).toEqual(clean);

    // The restart cut the held file's ingest activity, which its workflow retried by itself.
    const heldFile = files[HELD]!;
    const history = await client.workflow.getHandle(ingestWorkflowId({ ...dqmFileNameOf(heldFile), checksum: (await fileChecksum(heldFile)).checksum })).fetchHistory();
    const started = (history.events ?? []).flatMap((e) => (e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes] : []));
    expect(started).toHaveLength(1);
    expect(started[0]!.attempt).toBeGreaterThan(1);
    expect(started[0]!.lastFailure?.message).toBeTruthy();
  });
});
