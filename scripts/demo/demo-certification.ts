/**
 * Demo certification: the live window of the demo season (its most recent runs) is certified
 * by the product's own configuration (config/certification.json), woken by ingest of the DQM
 * files the demo drops in the watched folders. Each run's plan says which stages get files and
 * what people do: the demo acts as a shifter (sign-offs) and as a calibration contact (status
 * reports) through the same service functions the API calls, so the board shows every stage and
 * state once the worker has walked them — runs still waiting for online data, waiting for a
 * shifter's sign-off (one with a comparison in ERROR), waiting for express data, held at the
 * calibration gate, and certified through prompt.
 */
import type { Client } from "@temporalio/client";
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import type { Identity } from "../../server/auth/identity";
import { seededRng } from "../../server/compare/math/rng";
import type { CalibrationStatus } from "../../server/certification/calibration";
import { getCertRun } from "../../server/certification/cert-run.repository";
import { reportCalibration, signOff } from "../../server/certification/certification.service";
import { CertificationRuleError, NotFoundError } from "../../server/certification/errors";
import { createRuleVersion, listRules } from "../../server/certification/golden-json/golden-json.repository";
import type { Histogram } from "../../server/histograms/histogram";
import { certificationQuery, type CertificationView, certifyRunWorkflowId } from "../../workflows/certification/certify-run.messages";
import { gauss, landauLike, th1FromPdf } from "./histogram-builders";
import { runHistograms } from "./run-histograms";
import { DEMO_DATASET_ERA, type DemoRun } from "./season";

/** Runs of the live window: the season's most recent ones. */
export const DEMO_LIVE_RUNS = 25;

/** One monitor element per certifiable component of config/certification.json; its rule flags it. */
export const MES: readonly { component: string; path: string; make: (n: number, seed: number, hole: boolean) => Histogram }[] = [
  { component: "tracker-pixel", path: "PixelPhase1/Tracks/PXBarrel/charge_PXLayer_1", make: (n, s) => th1FromPdf("charge_PXLayer_1", 60, 0, 60000, n, (x) => landauLike(x, 21000, 2600), seededRng(s)) },
  { component: "tracker-strip", path: "Tracking/TrackParameters/generalTracks/GeneralProperties/TrackEta_ImpactPoint_GenTk", make: (n, s, hole) => th1FromPdf("TrackEta", 60, -3, 3, n, (x) => (Math.abs(x) < 2.5 ? 1 - 0.05 * x * x : 0.1) * (hole && x > 0.3 && x < 1.2 ? 0.55 : 1), seededRng(s)) },
  { component: "dt-dt", path: "DT/Segments/segmentsPerStation", make: (n, s) => th1FromPdf("segmentsPerStation", 40, 0, 40, n, (x) => gauss(x, 12, 4), seededRng(s)) },
  { component: "csc-csc", path: "CSC/Summary/hRecHitsPerChamber", make: (n, s) => th1FromPdf("hRecHitsPerChamber", 30, 0, 30, n, (x) => gauss(x, 6, 1.6), seededRng(s)) },
  { component: "ecal-ecal", path: "EcalBarrel/EBSummaryClient/EBTMT timing mean 1D summary", make: (n, s) => th1FromPdf("EBTMT timing", 50, -5, 5, n, (x) => gauss(x, 0, 0.35), seededRng(s)) },
  { component: "hcal-hcal", path: "Hcal/DigiTask/Occupancy/depth1_energy", make: (n, s) => th1FromPdf("depth1_energy", 50, 0, 200, n, (x) => Math.exp(-x / 30), seededRng(s)) },
  { component: "l1t-l1tmu", path: "L1T/L1TStage2uGMT/ugmtMuonPt", make: (n, s) => th1FromPdf("ugmtMuonPt", 50, 0, 100, n, (x) => Math.exp(-x / 12), seededRng(s)) },
];

const ENTRIES = 20_000;
const STAGES: readonly Stage[] = ["online", "express", "prompt"];

/** What the demo makes of one run of the live window. */
export interface RunPlan {
  /** Stages whose DQM file is dropped in the watched folder. */
  readonly stagesWithData: readonly Stage[];
  /** The demo's shifter signs off each stage with data once it waits for a sign-off. */
  readonly autoSignoff: boolean;
  /** What the demo's calibration contact reports (partial: two done, one running, one pending). */
  readonly calibration: CalibrationStatus | "partial" | null;
  /** An injected tracker problem: the η distribution has a hole, the comparison ERRORs. */
  readonly trackerHole?: boolean;
}

/** Index 0 is the newest run. */
export function planFor(i: number): RunPlan {
  if (i < 3) return { stagesWithData: [], autoSignoff: false, calibration: null };
  if (i < 11) return { stagesWithData: STAGES, autoSignoff: false, calibration: null, trackerHole: i === 5 };
  if (i < 14) return { stagesWithData: ["online"], autoSignoff: true, calibration: null };
  if (i < 18) return { stagesWithData: STAGES, autoSignoff: true, calibration: "partial" };
  if (i === 18) return { stagesWithData: STAGES, autoSignoff: false, calibration: null };
  return { stagesWithData: STAGES, autoSignoff: true, calibration: "done" };
}

/** Stages the demo's shifter signs off (prompt only once the calibrations are done). */
export function stagesToSignOff(plan: RunPlan): Stage[] {
  if (!plan.autoSignoff) return [];
  return plan.stagesWithData.filter((s) => s !== "prompt" || plan.calibration === "done");
}

export function demoStageDataset(stage: Stage, run: number): string {
  if (stage === "online") return "online";
  const era = DEMO_DATASET_ERA(run);
  return stage === "express" ? `/ZeroBias/${era}-Express-v1/DQMIO` : `/ZeroBias/${era}-PromptReco-v1/DQMIO`;
}

/** A stage's file: the run's HDQM monitor elements and certification's, with the plan's problem. */
export function stageMes(r: DemoRun, stage: Stage, plan: RunPlan): Map<string, Histogram> {
  const mes = runHistograms(r);
  for (const [k, me] of MES.entries()) {
    const seed = r.run * 31 + k * 7 + ["online", "express", "prompt", "reprocessing"].indexOf(stage);
    mes.set(me.path, { ...me.make(ENTRIES, seed, plan.trackerHole === true && me.component === "tracker-strip"), name: me.path.split("/").pop() ?? me.path });
  }
  return mes;
}

/** A golden-JSON rule set for the demo, unless one exists. */
export async function ensureDemoRule(db: Db): Promise<void> {
  if ((await listRules(db)).length > 0) return;
  await createRuleVersion(db, {
    name: "physics-2017",
    user: "demo",
    datasetPattern: "%PromptReco%",
    logic: {
      and: [
        { "==": [{ var: "lumisection.rr.tracker-pixel" }, "GOOD"] },
        { "==": [{ var: "lumisection.rr.tracker-strip" }, "GOOD"] },
        { "==": [{ var: "lumisection.rr.ecal-ecal" }, "GOOD"] },
        { "==": [{ var: "lumisection.oms.beam1_stable" }, true] },
      ],
    },
  });
}

const shifter: Identity = { user: "demo-shifter", role: "shifter", groups: [], via: "local" };
const calibrationContact: Identity = { user: "demo-calibration", role: "shifter", groups: [], via: "local" };

export interface FollowDeps {
  readonly db: Db;
  readonly temporal: () => Promise<Client>;
  readonly taskQueue: string;
}

export interface FollowResult {
  readonly filesIngested: number;
  readonly signOffs: number;
  readonly calibrationReports: number;
  readonly seconds: number;
}

/** Is the run where its plan leaves it? */
function reached(plan: RunPlan, view: CertificationView, signed: ReadonlySet<Stage>): boolean {
  if (plan.stagesWithData.length === 0) return true;
  if (!plan.autoSignoff) return view.awaitingSignoff.length > 0;
  if (plan.calibration === "done") return view.runState === "COMPLETED";
  return stagesToSignOff(plan).every((s) => signed.has(s));
}

/**
 * Waits until the schedule has ingested every live file and each run of the window is where its
 * plan leaves it, acting as shifter and calibration contact meanwhile. `runs` is newest first.
 */
export async function followDemoCertification(
  deps: FollowDeps,
  runs: readonly number[],
  files: readonly string[],
  opts: { timeoutMs: number; onProgress?: (what: string) => void },
): Promise<FollowResult> {
  const started = Date.now();
  const client = await deps.temporal();
  const signed = new Map<number, Set<Stage>>(runs.map((r) => [r, new Set<Stage>()]));
  const reported = new Set<number>();
  let signOffs = 0;
  let calibrationReports = 0;
  let ingested = 0;
  let last = "";
  for (;;) {
    const rows = files.length
      ? await deps.db.selectFrom("ingest_file").select(["path", "outcome", "message"]).where(sql<boolean>`path = any(${files as string[]})`).execute()
      : [];
    const failed = rows.filter((r) => r.outcome === "failed");
    if (failed.length) throw new Error(`the pipeline refused demo files:\n${failed.map((f) => `  ${f.path}: ${f.message ?? ""}`).join("\n")}`);
    ingested = new Set(rows.filter((r) => r.outcome === "ingested").map((r) => r.path)).size;
    const waiting: string[] = [];
    for (const [i, run] of runs.entries()) {
      const plan = planFor(i);
      const view = (await getCertRun(deps.db, run)) ? await client.workflow.getHandle(certifyRunWorkflowId(run)).query(certificationQuery).catch(() => null) : null;
      if (!view) {
        waiting.push(`${run} (no certification yet)`);
        continue;
      }
      try {
        if (plan.calibration && !reported.has(run) && Object.keys(view.calibration).length > 0) {
          for (const [k, workflow] of Object.keys(view.calibration).entries()) {
            const status: CalibrationStatus = plan.calibration === "partial" ? (k < 2 ? "done" : k === 2 ? "running" : "pending") : plan.calibration;
            await reportCalibration(deps, calibrationContact, { runNumber: run, workflow, status });
            calibrationReports++;
          }
          reported.add(run);
        }
        const mine = signed.get(run)!;
        for (const stage of view.awaitingSignoff) {
          if (!stagesToSignOff(plan).includes(stage) || mine.has(stage)) continue;
          await signOff(deps, shifter, { runNumber: run, stage, comment: "demo shift: all components checked in the DQM GUI" });
          mine.add(stage);
          signOffs++;
        }
      } catch (err) {
        // Not there yet (flags still coming, the workflow between steps): the next round retries.
        if (!(err instanceof CertificationRuleError) && !(err instanceof NotFoundError)) throw err;
      }
      if (!reached(plan, view, signed.get(run)!)) waiting.push(`${run} (${view.currentStage}: ${view.certStatus})`);
    }
    const status = `live files ingested ${ingested}/${files.length}, runs in place ${runs.length - waiting.length}/${runs.length}`;
    if (status !== last) opts.onProgress?.(status);
    last = status;
    if (ingested === files.length && waiting.length === 0) return { filesIngested: ingested, signOffs, calibrationReports, seconds: Math.round((Date.now() - started) / 1000) };
    if (Date.now() - started > opts.timeoutMs) {
      throw new Error(`the demo's live runs did not reach their places within ${Math.round(opts.timeoutMs / 1000)} s (${status}); waiting: ${waiting.join(", ") || "files only"}. Is the worker running with DQM_STORAGE_DIR and OMS_DROP_DIR set?`);
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
