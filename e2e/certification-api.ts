/**
 * The certification API as the journeys use it, and the runs they work on: each journey drops
 * its own run's OMS and DQM files in the watched folders of the worker under test
 * (pipeline-files.ts) and waits until the pipeline has brought the run where it needs it, so no
 * journey depends on the demo's runs or on another journey's, and the suite can be rerun.
 */
import { type APIRequestContext, type BrowserContext, expect, test } from "@playwright/test";
import { type DroppedRun, dropRun } from "./pipeline-files";

export type Role = "viewer" | "shifter" | "expert";

export interface BoardRow {
  runNumber: number;
  state: string;
  stage: "online" | "express" | "prompt" | "reprocessing";
  certStatus: string;
  stages: { stage: string; dataset: string; state: string; frozen: boolean }[];
}

interface Effective { component: string; firstLs: number; lastLs: number; status: string; comment: string }
export interface RunDetail {
  run: { runNumber: number; state: string; stage: string; certStatus: string; lsCount: number };
  comparisons: { stage: string; me_path: string; test: string; status: string; reference_run: number | null }[];
  flags: { dataset: string; effective: Effective[]; componentsWithoutStatus: string[] }[];
  datasets: { stage: string; dataset_name: string; workspace: string; state: string; frozen: boolean }[];
  live: { awaitingSignoff: string[]; stages: { stage: string; signoff: unknown }[] } | null;
}

const cookie = (role: Role) => ({ cookie: `dqmflow_role=${role}` });

export async function setRole(context: BrowserContext, baseURL: string, role: Role): Promise<void> {
  await context.addCookies([{ name: "dqmflow_role", value: role, url: baseURL }]);
}

export async function query<T>(request: APIRequestContext, path: string, input: unknown, role: Role = "viewer"): Promise<T> {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: cookie(role) });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

export async function mutate<T>(request: APIRequestContext, path: string, input: unknown, role: Role): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: input, headers: cookie(role) });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

export const board = (request: APIRequestContext, filter: Record<string, unknown> = {}) => query<BoardRow[]>(request, "certification.board", { limit: 200, ...filter });
export const runDetail = (request: APIRequestContext, runNumber: number) => query<RunDetail>(request, "certification.run", { runNumber });

/** The current stage's flags say something about every lumisection and no BAD range lacks a comment. */
function signable(d: RunDetail): boolean {
  const ds = d.datasets.find((x) => x.workspace === "global" && x.stage === d.run.stage);
  const flags = d.flags.find((f) => f.dataset === ds?.dataset_name);
  if (!flags || !d.live?.awaitingSignoff.includes(d.run.stage)) return false;
  return flags.componentsWithoutStatus.length === 0 && !flags.effective.some((e) => e.status === "BAD" && e.comment.trim().length < 3);
}

/** Files dropped by the journeys of this worker process, taken out of the watched folders at its end. */
const droppedRuns: DroppedRun[] = [];
test.afterAll(async () => {
  for (const d of droppedRuns.splice(0)) await d.remove();
});

/** Waits until the run's detail satisfies `ready`; the run's files are on their way through the pipeline. */
async function runWhen(request: APIRequestContext, runNumber: number, ready: (d: RunDetail) => boolean, what: string): Promise<RunDetail> {
  let found: RunDetail | undefined;
  await expect
    .poll(
      async () => {
        const rows = await board(request, { runFrom: runNumber, runTo: runNumber });
        if (rows.length === 0) return false;
        const d = await runDetail(request, runNumber);
        if (!ready(d)) return false;
        found = d;
        return true;
      },
      { message: `run ${runNumber} dropped in the watched folders: ${what}`, timeout: 120_000, intervals: [1_000] },
    )
    .toBe(true);
  return found!;
}

/** A fresh run dropped as OMS and DQM files in the watched folders of the worker under test. */
export async function droppedRun(stages: readonly ("online" | "express" | "prompt")[], opts: { trackerHole?: boolean } = {}): Promise<number> {
  const d = await dropRun({ stages, ...opts });
  droppedRuns.push(d);
  return d.runNumber;
}

/** A run of its own whose online stage waits for a sign-off the validator will accept. */
export async function signableRun(request: APIRequestContext): Promise<RunDetail> {
  const run = await droppedRun(["online"]);
  return runWhen(request, run, signable, "waits for a sign-off it could get");
}

/** A run of its own whose current stage's dataset is OPEN and not frozen (shifters may edit its flags). */
export async function openRun(request: APIRequestContext): Promise<RunDetail> {
  const run = await droppedRun(["online"]);
  return runWhen(request, run, (d) => d.datasets.some((x) => x.workspace === "global" && x.stage === d.run.stage && x.state === "OPEN" && !x.frozen) && signable(d), "has an OPEN dataset");
}

/** A run of its own with a comparison against the reference in ERROR (a hole in the track η). */
export async function runWithError(request: APIRequestContext): Promise<RunDetail> {
  const run = await droppedRun(["online"], { trackerHole: true });
  return runWhen(request, run, (d) => d.comparisons.some((c) => c.status === "ERROR" && c.reference_run !== null), "has a comparison in ERROR");
}

/** Signs off the run's stages in turn, as a shifter, each once the workflow waits for it. */
export async function signOffInTurn(request: APIRequestContext, runNumber: number, stages: readonly ("online" | "express" | "prompt")[]): Promise<void> {
  for (const stage of stages) {
    await runWhen(request, runNumber, (d) => d.run.stage === stage && signable(d), `waits for its ${stage} sign-off`);
    await mutate(request, "certification.signOff", { runNumber, stage, comment: "browser test: all components checked" }, "shifter");
  }
}

/** A run of its own held at the calibration gate: online and express signed off, calibrations pending. */
export async function gatedRun(request: APIRequestContext): Promise<number> {
  const run = await droppedRun(["online", "express", "prompt"]);
  await signOffInTurn(request, run, ["online", "express"]);
  await expect.poll(async () => (await board(request, { runFrom: run, runTo: run }))[0]?.certStatus, { timeout: 60_000 }).toBe("calibration-gate");
  return run;
}

/** A run of its own certified through prompt: its calibrations reported done by a shifter, every stage signed off. */
export async function completedRun(request: APIRequestContext): Promise<number> {
  const run = await gatedRun(request);
  const detail = await runDetail(request, run);
  const calibrations = Object.keys((detail.live as { calibration?: Record<string, string> } | null)?.calibration ?? {});
  for (const workflow of calibrations.length ? calibrations : ["SiStripGains", "BeamSpot", "SiPixelAli", "EcalPedestals"]) {
    await mutate(request, "certification.reportCalibration", { runNumber: run, workflow, status: "done" }, "shifter");
  }
  await signOffInTurn(request, run, ["prompt"]);
  await expect.poll(async () => (await board(request, { runFrom: run, runTo: run }))[0]?.state, { timeout: 60_000 }).toBe("COMPLETED");
  return run;
}
