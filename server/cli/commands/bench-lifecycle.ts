/**
 * `dqmflow bench lifecycle [--runs N] [--chunk C] [--json]`: N runs (default 1,000) through every
 * certification stage (online, express, calibration gate and Tier-0 notification, prompt) with
 * automatic sign-off, on an in-process worker against the configured Temporal and database, and
 * N runs of a minimal workflow running the same number of no-op activities on the same worker.
 * The two alternate in chunks of C runs (default 100), so a change of the machine's load during a
 * long run weighs on both alike. Prints runs per minute for both, their ratio, the rate of each
 * chunk, and what bounds a run: its history (events, bytes), its activities' own time by name,
 * and the time left to Temporal's round trips and persistence.
 */
import { randomInt, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readFile } from "node:fs/promises";
import { Client, Connection } from "@temporalio/client";
import { DefaultLogger, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import cliProgress from "cli-progress";
import { createDb, type Db } from "../../../db/pool";
import { createActivities } from "../../../workflows/activities";
import { createBenchActivities } from "../../../workflows/certification/bench/bench.activities";
import { certifyRunWorkflowId } from "../../../workflows/certification/certify-run.messages";
import { certificationConfigSchema } from "../../certification/certification-config";
import { decodeHistogram } from "../../ingest/histogram-codec";
import { ingestGeneratedHistograms } from "../../ingest/ingest-histograms";
import { config } from "../../config/config";
import type { CliCommand } from "../main";

const benchWorkflowsPath = fileURLToPath(new URL("../../../workflows/certification/bench/bench-workflows.ts", import.meta.url));
const ME = ["PixelPhase1/Tracks/charge", "DT/Segments/chi2"];
const LS = 10;

function histogram() {
  const contents = [0, ...Array.from({ length: 20 }, (_, i) => 1000 + 10 * i), 0];
  return { kind: "TH1", name: "h", title: "", x: { nbins: 20, min: 0, max: 20 }, contents, entries: contents.reduce((a, b) => a + b, 0) };
}

async function seed(db: Db, base: number, runs: number): Promise<void> {
  const reference = base;
  const numbers = Array.from({ length: runs + 1 }, (_, i) => base + i);
  const start = new Date(Date.UTC(2026, 5, 1));
  for (let i = 0; i < numbers.length; i += 500) {
    const chunk = numbers.slice(i, i + 500);
    await db.insertInto("run").values(chunk.map((rn) => ({ run_number: rn, start_time: start, run_class: "Collisions" as const, ls_count: LS, recorded_lumi: LS, significant: true }))).execute();
    await db.insertInto("lumisection").values(chunk.flatMap((rn) => Array.from({ length: LS }, (_, l) => ({ run_number: rn, ls_number: l + 1, recorded_lumi: 1, beam1_stable: true, beam2_stable: true, dcs: {} })))).execute();
  }
  // Histograms go in through ingest's write, as a file's would.
  const mes = new Map(ME.map((me) => [me, decodeHistogram(histogram())]));
  await ingestGeneratedHistograms(db, reference, "online", mes);
  for (const rn of numbers.slice(1)) {
    for (const dataset of ["online", "/ZeroBias/Bench-Express-v1/DQMIO", "/ZeroBias/Bench-PromptReco-v1/DQMIO"]) await ingestGeneratedHistograms(db, rn, dataset, mes);
  }
}

async function cleanup(db: Db, base: number, runs: number): Promise<void> {
  const hi = base + runs;
  for (const t of ["cert_audit", "stored_histogram", "ingest_file", "cert_notification", "cert_calibration"] as const) await db.deleteFrom(t).where("run_number", ">=", base).where("run_number", "<=", hi).execute();
  await db.deleteFrom("run").where("run_number", ">=", base).where("run_number", "<=", hi).execute();
}

/** Starts `count` workflows (at most 64 starts in flight) and waits for all; returns seconds. */
async function timeAll(count: number, label: string, json: boolean, startOne: (i: number) => Promise<{ result(): Promise<unknown> }>): Promise<number> {
  const bar = json ? null : new cliProgress.SingleBar({ format: `${label.padEnd(10)} {bar} {value}/{total} runs` }, cliProgress.Presets.shades_classic);
  bar?.start(count, 0);
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  const waits: Promise<void>[] = [];
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < count) {
        const h = await startOne(next++);
        waits.push(
          h.result().then(() => {
            bar?.update(++done);
          }),
        );
      }
    }),
  );
  await Promise.all(waits);
  bar?.stop();
  return (performance.now() - t0) / 1000;
}

/** Wall time spent inside each activity, by name, while `activityTime` is being filled. */
const activityTime = new Map<string, { calls: number; ms: number }>();

function timedActivities<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const timed: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(activities)) {
    timed[name] = async (...args: never[]) => {
      const t0 = performance.now();
      try {
        return await fn(...args);
      } finally {
        const t = activityTime.get(name) ?? { calls: 0, ms: 0 };
        t.calls += 1;
        t.ms += performance.now() - t0;
        activityTime.set(name, t);
      }
    };
  }
  return timed as T;
}

/** Events and serialized bytes of a finished workflow's history (what Temporal persists for it). */
async function historyFigures(handle: { describe(): Promise<{ historyLength: number; historySize?: number }> }): Promise<{ events: number; bytes: number }> {
  const d = await handle.describe();
  return { events: d.historyLength, bytes: d.historySize ?? Number.NaN };
}

interface LifecycleReport {
  runs: number;
  chunk: number;
  activitiesPerRun: number;
  lifecycleSeconds: number;
  minimalSeconds: number;
  lifecycleRunsPerMin: number;
  minimalRunsPerMin: number;
  ratio: number;
  history: { lifecycle: { events: number; bytes: number }; minimal: { events: number; bytes: number } };
  activityMsPerRun: { name: string; calls: number; msPerRun: number }[];
  chunks: { runs: number; lifecycleRunsPerMin: number; minimalRunsPerMin: number }[];
  loadavg: string;
}

function printReport(r: LifecycleReport): void {
  const lifecycleMsPerRun = (r.lifecycleSeconds * 1000) / r.runs;
  const minimalMsPerRun = (r.minimalSeconds * 1000) / r.runs;
  const activityMs = r.activityMsPerRun.filter((a) => a.name !== "benchNoop").reduce((sum, a) => sum + a.msPerRun, 0);
  console.log(`lifecycle: ${r.runs} runs in ${r.lifecycleSeconds.toFixed(1)} s = ${r.lifecycleRunsPerMin.toFixed(0)} runs/min (${r.activitiesPerRun} activities each)`);
  console.log(`minimal:   ${r.runs} runs in ${r.minimalSeconds.toFixed(1)} s = ${r.minimalRunsPerMin.toFixed(0)} runs/min`);
  console.log(`ratio minimal/lifecycle: ${r.ratio.toFixed(2)}× (goal ≤ 1.5×), alternating chunks of ${r.chunk} runs`);
  console.log(`per chunk (runs/min lifecycle, minimal): ${r.chunks.map((c) => `${c.lifecycleRunsPerMin.toFixed(0)}/${c.minimalRunsPerMin.toFixed(0)}`).join(" ")}`);
  console.log(`history per run: lifecycle ${r.history.lifecycle.events} events, ${r.history.lifecycle.bytes} B; minimal ${r.history.minimal.events} events, ${r.history.minimal.bytes} B`);
  console.log(`throughput time per run (64 in flight): lifecycle ${lifecycleMsPerRun.toFixed(0)} ms, minimal ${minimalMsPerRun.toFixed(0)} ms; dqmflow's activities' own wall time ${activityMs.toFixed(0)} ms per run (summed over concurrent runs)`);
  for (const a of r.activityMsPerRun.slice(0, 8)) console.log(`  ${a.name.padEnd(32)} ${(a.calls / r.runs).toFixed(1)} calls/run ${a.msPerRun.toFixed(1)} ms/run`);
  console.log(`load average at the end: ${r.loadavg}`);
}

export const benchLifecycleCommand: CliCommand = {
  summary: "runs through certification with automatic sign-off vs a minimal workflow",
  async run(args) {
    const { values } = parseArgs({ args, options: { runs: { type: "string", default: "1000" }, chunk: { type: "string", default: "100" }, json: { type: "boolean", default: false } } });
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1 || runs > 100_000) throw new Error(`--runs must be an integer from 1 to 100000, got '${values.runs}'`);
    const chunkSize = Number(values.chunk);
    if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`--chunk must be a positive integer, got '${values.chunk}'`);
    const c = config();
    try {
      Runtime.install({ logger: new DefaultLogger("WARN") });
    } catch {
      // already installed
    }
    const db = createDb(c.DATABASE_URL, 20);
    const base = randomInt(1_500_000_000, 2_100_000_000);
    const taskQueue = `bench-lifecycle-${randomUUID()}`;
    const nativeConnection = await NativeConnection.connect({ address: c.TEMPORAL_ADDRESS });
    const connection = await Connection.connect({ address: c.TEMPORAL_ADDRESS });
    const client = new Client({ connection, namespace: c.TEMPORAL_NAMESPACE });
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: benchWorkflowsPath,
      activities: timedActivities({ ...createActivities({ db }), ...createBenchActivities() }),
    });
    const running = worker.run();
    try {
      if (!values.json) console.log(`seeding ${runs} runs (base ${base})…`);
      await seed(db, base, runs + 1);
      const cfg = certificationConfigSchema.parse({
        components: ["tracker-pixel", "dt-dt"],
        monitorElements: ME,
        comparisons: { version: 1, tests: [{ name: "shape", match: ["**"], test: "chi2" }] },
        autoFlagRules: [
          { name: "pixel", component: "tracker-pixel", match: ["PixelPhase1/**"] },
          { name: "dt", component: "dt-dt", match: ["DT/**"] },
        ],
        references: { Collisions: base },
        deadlines: { reminderMs: 3_600_000, escalationMs: 7_200_000 },
        calibration: { workflows: [], timeoutMs: 60_000 },
        dataPollMs: 1,
        promptRecoEndpoint: null,
        activity: { startToCloseMs: 60_000, initialRetryMs: 500, maximumAttempts: 10 },
        autoSignoff: true,
        reprocessingIdleMs: 1,
      });
      const startRun = (rn: number) =>
        client.workflow.start("certifyRunWorkflow", { workflowId: `${certifyRunWorkflowId(rn)}-bench-${taskQueue.slice(-8)}`, taskQueue, args: [{ runNumber: rn, runClass: "Collisions", lsCount: LS, config: cfg }] });

      // One run first: its history gives the number of activities the baseline must match.
      const probe = await startRun(base + 1);
      await probe.result();
      const history = await probe.fetchHistory();
      const activities = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;

      const minimalProbe = await client.workflow.start("benchMinimalWorkflow", { workflowId: `bench-minimal-${taskQueue.slice(-8)}-probe`, taskQueue, args: [activities] });
      await minimalProbe.result();
      const runHistory = await historyFigures(probe);
      const minimalHistory = await historyFigures(minimalProbe);

      const chunk = Math.min(runs, chunkSize);
      let lifecycleS = 0;
      let minimalS = 0;
      const chunks: { runs: number; lifecycleRunsPerMin: number; minimalRunsPerMin: number }[] = [];
      activityTime.clear();
      for (let from = 0; from < runs; from += chunk) {
        const n = Math.min(chunk, runs - from);
        const l = await timeAll(n, "lifecycle", values.json, (i) => startRun(base + 2 + from + i));
        const m = await timeAll(n, "minimal", values.json, (i) => client.workflow.start("benchMinimalWorkflow", { workflowId: `bench-minimal-${taskQueue.slice(-8)}-${from + i}`, taskQueue, args: [activities] }));
        lifecycleS += l;
        minimalS += m;
        chunks.push({ runs: from + n, lifecycleRunsPerMin: (n / l) * 60, minimalRunsPerMin: (n / m) * 60 });
      }
      const measured = runs;
      const lifecyclePerMin = (measured / lifecycleS) * 60;
      const minimalPerMin = (measured / minimalS) * 60;
      const byActivity = [...activityTime.entries()].map(([name, t]) => ({ name, calls: t.calls, msPerRun: t.ms / measured })).sort((a, b) => b.msPerRun - a.msPerRun);
      const result = {
        runs: measured,
        chunk,
        activitiesPerRun: activities,
        lifecycleSeconds: lifecycleS,
        minimalSeconds: minimalS,
        lifecycleRunsPerMin: lifecyclePerMin,
        minimalRunsPerMin: minimalPerMin,
        ratio: minimalPerMin / lifecyclePerMin,
        goal: 1.5,
        history: { lifecycle: runHistory, minimal: minimalHistory },
        activityMsPerRun: byActivity,
        chunks,
        loadavg: (await readFile("/proc/loadavg", "utf8").catch(() => "")).trim(),
      };
      if (values.json) console.log(JSON.stringify(result, null, 2));
      else printReport(result);
      return 0;
    } finally {
      worker.shutdown();
      await running;
      await cleanup(db, base, runs + 1);
      await db.destroy();
      await connection.close();
      await nativeConnection.close();
    }
  },
};
