/**
 * The demo season: 2017-like runs (the real run numbers and lumisection ranges of the 2017
 * golden JSON in shared/data, plus cosmic, commissioning and "special" runs between them) with
 * OMS-like metadata, and the conditions each run's histograms are generated from — including a
 * few injected problems for the trend checks to find.
 */
import { seededRng } from "../../server/compare/math/rng";

export interface DemoRun {
  readonly run: number;
  readonly start: Date;
  readonly end: Date;
  readonly runClass: "Collisions" | "Cosmics" | "Commissioning";
  readonly fill: number | null;
  readonly hltKey: string;
  readonly lsCount: number;
  readonly deliveredLumi: number;
  readonly recordedLumi: number;
  /** Certified ranges (collision runs of the golden JSON). */
  readonly golden: [number, number][] | null;
  /** 0 at the season's start, 1 at its end: slow drifts (radiation damage, pileup). */
  readonly season: number;
  readonly problems: ReadonlySet<DemoProblem>;
}

export type DemoProblem = "pixelHv" | "deadRocs" | "trackerHole" | "ecalTiming" | "muonAlignment" | "fedErrors" | "strip_sync_missing";

/** What was injected where, for the README and the tests. */
export const injectedProblems: Record<DemoProblem, string> = {
  pixelHv: "BPix layer 1 bias voltage too low: on-track charge MPV falls below 18,000 e (expectedRange alarms)",
  deadRocs: "a pixel power group lost: ~260 dead ROCs in BPix (expectedRange alarm)",
  trackerHole: "a TIB/TOB partition off: hole in the track η and φ distributions (Kolmogorov and χ² against the reference drop)",
  ecalTiming: "ECAL barrel timing shifted by +1.3 ns after a firmware change (expectedRange alarms)",
  muonAlignment: "bad muon alignment: Z peak at 88.5 GeV (expectedRange alarms)",
  fedErrors: "SiStrip FED errors burst",
  strip_sync_missing: "the SiStrip out-of-sync ME is no longer produced in the last runs (stale metric)",
};

export const DEMO_PRIMARY_DATASET = "ZeroBias";
export const DEMO_DATASET_ERA = (run: number): string => (run < 299337 ? "Run2017B" : run < 300780 ? "Run2017C" : run < 302030 ? "Run2017D" : run < 303435 ? "Run2017E" : "Run2017F");
export const demoDatasetName = (run: number): string => `/${DEMO_PRIMARY_DATASET}/${DEMO_DATASET_ERA(run)}-09Aug2019_UL2017-v1/DQMIO`;

/** Builds the season from the golden JSON: up to `collisionRuns` certified runs and ~10% others. */
export function buildSeason(golden: Record<string, [number, number][]>, collisionRuns = 320): DemoRun[] {
  const rng = seededRng(2017);
  const goldenRuns = Object.keys(golden).map(Number).sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(goldenRuns.length / collisionRuns));
  const picked = goldenRuns.filter((_, i) => i % step === 0).slice(0, collisionRuns);
  const first = Date.parse("2017-06-01T08:00:00Z");
  const span = Date.parse("2017-11-10T08:00:00Z") - first;
  const runs: DemoRun[] = [];
  let fill = 5698;
  picked.forEach((run, i) => {
    const season = i / Math.max(1, picked.length - 1);
    const ranges = golden[String(run)] ?? [];
    const lastCertified = Math.max(...ranges.map((r) => r[1]));
    const lsCount = lastCertified + Math.floor(rng.next() * 40);
    const start = new Date(first + season * span + Math.floor(rng.next() * 3600e3));
    const end = new Date(start.getTime() + lsCount * 23.31e3);
    if (i % 3 === 0) fill++;
    // ~0.1 /pb per LS at 1.5e34, lower early in the fill.
    const perLs = 0.06 + 0.05 * rng.next();
    const delivered = lsCount * perLs;
    const problems = new Set<DemoProblem>();
    if (i >= 60 && i < 68) problems.add("pixelHv");
    if (i === 95) problems.add("deadRocs");
    if (i === 140 || i === 141) problems.add("trackerHole");
    if (i >= 200 && i < 206) problems.add("ecalTiming");
    if (i >= 250 && i < 254) problems.add("muonAlignment");
    if (i === 180) problems.add("fedErrors");
    if (i >= picked.length - 8) problems.add("strip_sync_missing");
    runs.push({ run, start, end, runClass: "Collisions", fill, hltKey: `/cdaq/physics/Run2017/2e34/v${1 + Math.floor(season * 4)}.0.0/HLT`, lsCount, deliveredLumi: delivered, recordedLumi: delivered * (0.92 + 0.06 * rng.next()), golden: ranges, season, problems });
    // Between some collision runs: a cosmic run, a short special run or a commissioning run.
    if (i % 10 === 5 && !golden[String(run + 1)]) {
      const kind = (i / 10) % 3 < 1 ? "Cosmics" : (i / 10) % 3 < 2 ? "Commissioning" : "Collisions";
      const ls = kind === "Cosmics" ? (i % 20 === 5 ? 100 : 300) : 40;
      const s = new Date(end.getTime() + 600e3);
      runs.push({
        run: run + 1,
        start: s,
        end: new Date(s.getTime() + ls * 23.31e3),
        runClass: kind,
        fill: kind === "Collisions" ? fill : null,
        hltKey: kind === "Collisions" ? "/cdaq/special/LHC_VdM/v1.0/HLT" : kind === "Cosmics" ? "/cdaq/cosmic/commissioning2017/v2.1/HLT" : "/cdaq/commissioning/2017/v1/HLT",
        lsCount: ls,
        deliveredLumi: kind === "Collisions" ? ls * 0.001 : 0,
        recordedLumi: kind === "Collisions" ? ls * 0.0009 : 0,
        golden: null,
        season,
        problems: new Set(),
      });
    }
  });
  return runs;
}

/** OMS-shaped records (runs, then lumisections) for the metadata import. */
export function omsRecords(runs: readonly DemoRun[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const r of runs) {
    out.push({
      run_number: r.run,
      start_time: r.start.toISOString(),
      end_time: r.end.toISOString(),
      run_class: r.runClass,
      fill_number: r.fill,
      b_field: r.runClass === "Commissioning" ? 0 : 3.8,
      energy: r.fill ? 6500 : null,
      delivered_lumi: r.deliveredLumi,
      recorded_lumi: r.recordedLumi,
      last_lumisection_number: r.lsCount,
      hlt_key: r.hltKey,
      l1_key: r.fill ? "l1_trg_collisions2017/v23" : "l1_trg_cosmics2017/v4",
      fill_type_runtime: r.fill ? "PROTONS" : null,
    });
  }
  for (const r of runs) {
    const per = r.lsCount ? r.deliveredLumi / r.lsCount : 0;
    const recFrac = r.deliveredLumi ? r.recordedLumi / r.deliveredLumi : 0;
    for (let ls = 1; ls <= r.lsCount; ls++) {
      const certified = r.golden?.some(([a, b]) => ls >= a && ls <= b) ?? false;
      out.push({
        run_number: r.run,
        lumisection_number: ls,
        start_time: new Date(r.start.getTime() + (ls - 1) * 23.31e3).toISOString(),
        delivered_lumi: per,
        recorded_lumi: per * recFrac,
        beam1_stable: r.fill !== null && (certified || ls > 10),
        beam2_stable: r.fill !== null && (certified || ls > 10),
        bpix_ready: certified || r.fill === null,
        fpix_ready: certified || r.fill === null,
        tibtid_ready: certified || r.fill === null,
      });
    }
  }
  return out;
}
