/**
 * Runs of the browser journeys, made the way real runs arrive: an OMS metadata file and DQM ROOT
 * files (written with the project's uproot writer) dropped in the watched folders of the worker
 * under test (DQM_STORAGE_DIR, OMS_DROP_DIR, exported by scripts/test.sh). The ingest schedule
 * takes them from there and wakes the run's certification. Each run gets a fresh number, so a
 * journey never depends on another's data and the suite can be repeated on the same database.
 */
import { randomInt } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Stage } from "../db/tables/dataset.table";
import { demoStageDataset, planFor, stageMes } from "../scripts/demo/demo-certification";
import { dqmStoragePath, writeDqmFiles } from "../scripts/demo/dqm-file-writer";
import { type DemoRun, omsRecords } from "../scripts/demo/season";

function watchedFolders(): { dqm: string; oms: string } {
  const dqm = process.env.DQM_STORAGE_DIR;
  const oms = process.env.OMS_DROP_DIR;
  if (!dqm || !oms) throw new Error("DQM_STORAGE_DIR and OMS_DROP_DIR must name the watched folders of the worker under test (scripts/test.sh exports them)");
  return { dqm, oms };
}

export interface DroppedRun {
  readonly runNumber: number;
  /** The DQM files dropped, one per stage. */
  readonly files: readonly string[];
  /** Takes the run's files out of the watched folders (the run stays, like any ingested run). */
  remove(): Promise<void>;
}

/** A fresh run number of the journeys' own range (9 digits, as DQM file names carry them). */
export function freshRunNumber(): number {
  return randomInt(700_000_000, 999_999_999);
}

/** A collision run of the demo's kind: 2017-like histograms, OMS metadata with enough luminosity to be significant. */
function journeyRun(runNumber: number, lsCount: number): DemoRun {
  const start = new Date(Date.now() - lsCount * 23_310);
  return {
    run: runNumber,
    start,
    end: new Date(start.getTime() + lsCount * 23_310),
    runClass: "Collisions",
    fill: 9000 + (runNumber % 1000),
    hltKey: "/cdaq/physics/Run2017/2e34/v4.0.0/HLT",
    lsCount,
    deliveredLumi: lsCount * 0.1,
    recordedLumi: lsCount * 0.095,
    golden: null,
    season: 1,
    problems: new Set(),
  };
}

/**
 * Drops the run's OMS file, then its DQM files of `stages` (the demo's certification MEs, flat
 * unless `trackerHole`), in the watched folders of the running worker (or in `folders`).
 */
export async function dropRun(opts: { stages: readonly Stage[]; trackerHole?: boolean; runNumber?: number; lsCount?: number; folders?: { dqm: string; oms: string } }): Promise<DroppedRun> {
  const dirs = opts.folders ?? watchedFolders();
  const runNumber = opts.runNumber ?? freshRunNumber();
  const r = journeyRun(runNumber, opts.lsCount ?? 40);
  await mkdir(dirs.oms, { recursive: true });
  const oms = path.join(dirs.oms, `e2e-run-${runNumber}.json`);
  // Written aside and renamed: the scanner never reads half a file.
  await writeFile(`${oms}.tmp`, JSON.stringify(omsRecords([r])));
  await rename(`${oms}.tmp`, oms);
  const plan = { ...planFor(5), trackerHole: opts.trackerHole === true };
  const files = await writeDqmFiles(
    opts.stages.map((stage) => ({ file: dqmStoragePath(path.join(dirs.dqm, "e2e"), runNumber, demoStageDataset(stage, runNumber)), run: runNumber, mes: stageMes(r, stage, plan) })),
  );
  return {
    runNumber,
    files,
    async remove() {
      await rm(oms, { force: true });
      for (const f of files) await rm(f, { force: true });
    },
  };
}
