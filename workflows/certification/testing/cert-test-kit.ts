/**
 * Test helpers for certification on the real services: runs with their own random numbers,
 * histograms that agree or disagree with a reference, a short-deadline configuration, and a
 * worker whose histogram source can be told to fail.
 */
import { randomInt, randomUUID } from "node:crypto";
import { DefaultLogger, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import type { Db } from "../../../db/pool";
import type { AppServices } from "../../../server/app-services";
import type { CertificationDeps } from "../../../server/certification/certification.service";
import { dbHistogramSource, type HistogramSource } from "../../../server/certification/histogram-source";
import { createActivities } from "../../activities";
import { workflowsPath } from "../../worker";
import { createCertificationActivities, type RecordStepInput } from "../certification.activities";
import { DT_ME, PIXEL_ME, storeHistograms, th1 } from "./cert-fixtures";

export { DT_ME, PIXEL_ME, storeHistograms, testConfig, th1 } from "./cert-fixtures";

export function freshRunNumber(): number {
  return randomInt(800_000_000, 2_000_000_000);
}

export interface SeededRun {
  readonly runNumber: number;
  readonly referenceRun: number;
  readonly lsCount: number;
}

/** A Collisions run with lumisections, its datasets and histograms, plus a reference run. */
export async function seedRun(db: Db, opts: { lsCount?: number; pixelShape?: "flat" | "peak"; stages?: ("online" | "express" | "prompt")[]; badPayloadStage?: string } = {}): Promise<SeededRun> {
  const lsCount = opts.lsCount ?? 20;
  const runNumber = freshRunNumber();
  const referenceRun = runNumber + 1;
  const start = new Date(Date.UTC(2026, 5, 1));
  for (const rn of [runNumber, referenceRun]) {
    await db.insertInto("run").values({ run_number: rn, start_time: start, run_class: "Collisions", ls_count: lsCount, recorded_lumi: lsCount * 0.5, significant: true }).execute();
    await db
      .insertInto("lumisection")
      .values(Array.from({ length: lsCount }, (_, i) => ({ run_number: rn, ls_number: i + 1, recorded_lumi: 0.5, beam1_stable: true, beam2_stable: true, dcs: JSON.stringify({}) as unknown as Record<string, boolean> })))
      .execute();
  }
  await storeHistograms(db, referenceRun, "online", { [PIXEL_ME]: th1("flat"), [DT_ME]: th1("flat") });
  for (const stage of opts.stages ?? ["online", "express", "prompt"]) {
    const name = stageDataset(stage);
    await storeHistograms(db, runNumber, name, { [PIXEL_ME]: th1(opts.pixelShape ?? "flat"), [DT_ME]: th1("flat") });
    if (opts.badPayloadStage === stage) {
      // A stored row that no longer decodes (disk or hand damage): the comparison must fail without retries.
      await db
        .updateTable("stored_histogram")
        .set({ histogram: JSON.stringify({ kind: "TH1", contents: "corrupt" }) })
        .where("run_number", "=", runNumber)
        .where("me_path", "=", PIXEL_ME)
        .where("dataset_id", "in", (eb) => eb.selectFrom("dataset").select("id").where("run_number", "=", runNumber).where("name", "=", name))
        .execute();
    }
  }
  return { runNumber, referenceRun, lsCount };
}

export function stageDataset(stage: string): string {
  // Named as Tier-0 names them, so ingest's dataset parser gives each its stage.
  return stage === "online" ? "online" : stage === "express" ? "/StreamExpress/Run2026A-Express-v1/DQMIO" : "/ZeroBias/Run2026A-PromptReco-v1/DQMIO";
}

/** Wraps a source so chosen runs fail a given number of times with a transient error. */
export class FlakySource implements HistogramSource {
  readonly failuresLeft = new Map<number, number>();
  readonly calls = new Map<number, number>();
  constructor(private readonly inner: HistogramSource) {}
  findDataset(runNumber: number, stage: Parameters<HistogramSource["findDataset"]>[1], name?: string) {
    return this.inner.findDataset(runNumber, stage, name);
  }
  async get(runNumber: number, dataset: string, mePath: string) {
    this.calls.set(runNumber, (this.calls.get(runNumber) ?? 0) + 1);
    const left = this.failuresLeft.get(runNumber) ?? 0;
    if (left > 0) {
      this.failuresLeft.set(runNumber, left - 1);
      throw new Error(`histogram store unreachable (simulated, ${left} left)`);
    }
    return this.inner.get(runNumber, dataset, mePath);
  }
  getReference(referenceRun: number, stage: Parameters<HistogramSource["getReference"]>[1], mePath: string) {
    return this.inner.getReference(referenceRun, stage, mePath);
  }
}

function withRecordHook(acts: ReturnType<typeof createCertificationActivities>, hook?: (input: RecordStepInput) => Promise<void>) {
  if (!hook) return acts;
  return {
    ...acts,
    async recordStep(input: RecordStepInput) {
      await hook(input);
      return acts.recordStep(input);
    },
  };
}

let runtimeInstalled = false;

/** A worker on its own task queue with every activity, certification's built over `histograms`. */
export async function startCertWorker(
  services: AppServices,
  histograms?: HistogramSource,
  taskQueue = `cert-test-${randomUUID()}`,
  /** Runs before each recordStep activity (a test can hold one back to force an interleaving). */
  beforeRecordStep?: (input: RecordStepInput) => Promise<void>,
) {
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    try {
      Runtime.install({ logger: new DefaultLogger("WARN") });
    } catch {
      // Another worker of this process installed it.
    }
  }
  const source = histograms ?? dbHistogramSource(services.db);
  const connection = await NativeConnection.connect({ address: services.config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: services.config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath,
    activities: { ...createActivities({ db: services.db, histograms: source }), ...withRecordHook(createCertificationActivities({ db: services.db, histograms: source }), beforeRecordStep) },
  });
  const running = worker.run();
  return {
    taskQueue,
    deps: { db: services.db, temporal: () => services.temporal(), taskQueue } satisfies CertificationDeps,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** Polls until `fn` returns a value that is not undefined (tests assert behaviour, never timing). */
export async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}
