/**
 * Demo certification: starts `certify-run-<run>` for the most recent runs of the demo season
 * through the certification service, with stage data and calibration reports chosen so the
 * board shows every stage and state once the worker has walked them — runs still waiting for
 * online data, waiting for a shifter's sign-off (one with a comparison in ERROR), waiting for express data, held at the calibration gate, and
 * certified through prompt. Workflows may be started before the worker runs. Idempotent.
 */
import type { Client } from "@temporalio/client";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import { seededRng } from "../../server/compare/math/rng";
import type { CalibrationStatus } from "../../server/certification/calibration";
import { type CertificationConfig, certificationConfigSchema, defaultCertificationConfig } from "../../server/certification/certification-config";
import { setCalibrationStatus } from "../../server/certification/cert-run.repository";
import { startCertification } from "../../server/certification/certification.service";
import { createRuleVersion, listRules } from "../../server/certification/golden-json/golden-json.repository";
import { ingestGeneratedHistograms } from "../../server/ingest/ingest-histograms";
import type { Histogram } from "../../server/histograms/histogram";
import { calibrationStatusSignal, certifyRunWorkflowId } from "../../workflows/certification/certify-run.messages";
import { gauss, landauLike, th1FromPdf } from "./histogram-builders";
import { DEMO_DATASET_ERA } from "./season";

/** One monitor element per certifiable component; the rule of the same name flags it. */
const MES: readonly { component: string; path: string; make: (n: number, seed: number, hole: boolean) => Histogram }[] = [
  { component: "tracker-pixel", path: "PixelPhase1/Tracks/PXBarrel/charge_PXLayer_1", make: (n, s) => th1FromPdf("charge_PXLayer_1", 60, 0, 60000, n, (x) => landauLike(x, 21000, 2600), seededRng(s)) },
  { component: "tracker-strip", path: "Tracking/TrackParameters/generalTracks/GeneralProperties/TrackEta_ImpactPoint_GenTk", make: (n, s, hole) => th1FromPdf("TrackEta", 60, -3, 3, n, (x) => (Math.abs(x) < 2.5 ? 1 - 0.05 * x * x : 0.1) * (hole && x > 0.3 && x < 1.2 ? 0.55 : 1), seededRng(s)) },
  { component: "dt-dt", path: "DT/Segments/segmentsPerStation", make: (n, s) => th1FromPdf("segmentsPerStation", 40, 0, 40, n, (x) => gauss(x, 12, 4), seededRng(s)) },
  { component: "csc-csc", path: "CSC/Summary/hRecHitsPerChamber", make: (n, s) => th1FromPdf("hRecHitsPerChamber", 30, 0, 30, n, (x) => gauss(x, 6, 1.6), seededRng(s)) },
  { component: "ecal-ecal", path: "EcalBarrel/EBSummaryClient/EBTMT timing mean 1D summary", make: (n, s) => th1FromPdf("EBTMT timing", 50, -5, 5, n, (x) => gauss(x, 0, 0.35), seededRng(s)) },
  { component: "hcal-hcal", path: "Hcal/DigiTask/Occupancy/depth1_energy", make: (n, s) => th1FromPdf("depth1_energy", 50, 0, 200, n, (x) => Math.exp(-x / 30), seededRng(s)) },
  { component: "l1t-l1tmu", path: "L1T/L1TStage2uGMT/ugmtMuonPt", make: (n, s) => th1FromPdf("ugmtMuonPt", 50, 0, 100, n, (x) => Math.exp(-x / 12), seededRng(s)) },
];

const ENTRIES = 20_000;
/** Stages whose data are stored find them at the first poll; runs with a stage left without data poll more slowly. */
const DATA_POLL_MS = 10_000;
const SLOW_POLL_MS = 60_000;
const CALIBRATIONS = defaultCertificationConfig.calibration.workflows;

/** What the demo makes of one run. */
interface RunPlan {
  readonly stagesWithData: readonly Stage[];
  readonly autoSignoff: boolean;
  readonly calibration: CalibrationStatus | "partial" | null;
  /** An injected tracker problem: the η distribution has a hole, the comparison ERRORs. */
  readonly trackerHole?: boolean;
  readonly dataPollMs?: number;
}

/** Index 0 is the newest run. */
export function planFor(i: number): RunPlan {
  if (i < 3) return { stagesWithData: [], autoSignoff: false, calibration: null, dataPollMs: SLOW_POLL_MS };
  if (i < 11) return { stagesWithData: ["online", "express", "prompt"], autoSignoff: false, calibration: null, trackerHole: i === 5 };
  if (i < 14) return { stagesWithData: ["online"], autoSignoff: true, calibration: null, dataPollMs: SLOW_POLL_MS };
  if (i < 18) return { stagesWithData: ["online", "express", "prompt"], autoSignoff: true, calibration: "partial" };
  if (i === 18) return { stagesWithData: ["online", "express", "prompt"], autoSignoff: false, calibration: null };
  return { stagesWithData: ["online", "express", "prompt"], autoSignoff: true, calibration: "done" };
}

export function demoStageDataset(stage: Stage, run: number): string {
  if (stage === "online") return "online";
  const era = DEMO_DATASET_ERA(run);
  return stage === "express" ? `/ZeroBias/${era}-Express-v1/DQMIO` : `/ZeroBias/${era}-PromptReco-v1/DQMIO`;
}

export function demoCertificationConfig(referenceRun: number, plan: RunPlan): CertificationConfig {
  return certificationConfigSchema.parse({
    ...defaultCertificationConfig,
    monitorElements: MES.map((m) => m.path),
    // Statistical fluctuations alone give uniform p-values: only a real shape change ERRORs.
    comparisons: { version: 1, tests: [{ name: "shape-chi2", match: ["**"], test: "chi2", thresholds: { error: 1e-4, warning: 1e-3 } }] },
    autoFlagRules: MES.map((m) => ({ name: `${m.component}-shape`, component: m.component, match: [m.path] })),
    references: { Collisions: referenceRun, Cosmics: referenceRun, Commissioning: referenceRun },
    dataPollMs: plan.dataPollMs ?? DATA_POLL_MS,
    autoSignoff: plan.autoSignoff,
  });
}

/** The stage's histograms go in through ingest's write path, as a harvested file's would. */
async function storeStageHistograms(db: Db, run: number, stage: Stage, plan: RunPlan): Promise<void> {
  const mes = new Map<string, Histogram>();
  for (const [k, me] of MES.entries()) {
    const seed = run * 31 + k * 7 + ["online", "express", "prompt", "reprocessing"].indexOf(stage);
    mes.set(me.path, me.make(ENTRIES, seed, plan.trackerHole === true && me.component === "tracker-strip"));
  }
  await ingestGeneratedHistograms(db, run, demoStageDataset(stage, run), mes);
}

/** A golden-JSON rule set for the demo, unless one exists. */
async function ensureDemoRule(db: Db): Promise<void> {
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

export interface DemoCertificationResult {
  readonly started: number;
  readonly alreadyRunning: number;
  readonly referenceRun: number | null;
}

/** Starts the demo's certification workflows for the `count` most recent runs. */
export async function loadDemoCertification(deps: { db: Db; temporal: () => Promise<Client>; taskQueue: string }, count = 25): Promise<DemoCertificationResult> {
  const { db } = deps;
  const recent = await db.selectFrom("run").select(["run_number", "run_class"]).orderBy("run_number", "desc").limit(count).execute();
  const reference = await db.selectFrom("run").select("run_number").where("run_class", "=", "Collisions").where("run_number", "<", recent[recent.length - 1]?.run_number ?? 0).orderBy("run_number", "desc").executeTakeFirst();
  if (!reference || recent.length === 0) return { started: 0, alreadyRunning: 0, referenceRun: null };
  await ensureDemoRule(db);
  await storeStageHistograms(db, reference.run_number, "online", { stagesWithData: [], autoSignoff: false, calibration: null });

  const client = await deps.temporal();
  let started = 0;
  let alreadyRunning = 0;
  for (const [i, run] of recent.entries()) {
    const plan = planFor(i);
    for (const stage of plan.stagesWithData) await storeStageHistograms(db, run.run_number, stage, plan);
    const res = await startCertification(deps, run.run_number, demoCertificationConfig(reference.run_number, plan));
    if (!res.started) {
      alreadyRunning++;
      continue;
    }
    started++;
    const handle = client.workflow.getHandle(certifyRunWorkflowId(run.run_number));
    if (plan.calibration) {
      for (const [k, workflow] of CALIBRATIONS.entries()) {
        const status: CalibrationStatus = plan.calibration === "partial" ? (k < 2 ? "done" : k === 2 ? "running" : "pending") : plan.calibration;
        await setCalibrationStatus(db, run.run_number, workflow, status);
        await handle.signal(calibrationStatusSignal, { workflow, status });
      }
    }
  }
  return { started, alreadyRunning, referenceRun: reference.run_number };
}
