/**
 * The certification API as the journeys use it to pick their runs: only from what the demo data
 * and earlier runs of the suite left in the database, so the journeys can be rerun on it.
 */
import { type APIRequestContext, type BrowserContext, expect } from "@playwright/test";

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

/**
 * A run whose current stage waits for a sign-off the validator will accept. Waits for the
 * worker to bring the demo's runs there; when earlier runs of the suite have signed them all
 * off, an expert reopens a certified run's prompt stage.
 */
export async function signableRun(request: APIRequestContext, except: readonly number[] = []): Promise<RunDetail> {
  let found: RunDetail | undefined;
  await expect
    .poll(
      async () => {
        for (const r of await board(request, { certStatus: "awaiting-signoff" })) {
          if (except.includes(r.runNumber)) continue;
          const d = await runDetail(request, r.runNumber);
          if (signable(d)) {
            found = d;
            return true;
          }
        }
        const done = (await board(request, { state: "COMPLETED" })).find((r) => !except.includes(r.runNumber));
        if (done) await mutate(request, "certification.reopen", { runNumber: done.runNumber, stage: "prompt", reason: "reopened by the e2e journeys for a fresh sign-off" }, "expert").catch(() => undefined);
        return false;
      },
      { message: "no run waits for a sign-off it could get", timeout: 150_000, intervals: [2_000] },
    )
    .toBe(true);
  return found!;
}

/** A run whose current stage's dataset is OPEN and not frozen (shifters may edit its flags). */
export async function openRun(request: APIRequestContext): Promise<RunDetail> {
  let found: RunDetail | undefined;
  await expect
    .poll(
      async () => {
        for (const r of await board(request, { state: "OPEN" })) {
          const ds = r.stages.find((s) => s.stage === r.stage && s.state === "OPEN" && !s.frozen);
          if (ds) {
            found = await runDetail(request, r.runNumber);
            return true;
          }
        }
        return false;
      },
      { message: "no run has an OPEN dataset", timeout: 150_000, intervals: [2_000] },
    )
    .toBe(true);
  return found!;
}

/** A run with a comparison in ERROR (the demo injects one). */
export async function runWithError(request: APIRequestContext): Promise<RunDetail> {
  let found: RunDetail | undefined;
  await expect
    .poll(
      async () => {
        for (const r of await board(request)) {
          if (r.stage === "online" && r.certStatus === "waiting-data") continue;
          const d = await runDetail(request, r.runNumber);
          if (d.comparisons.some((c) => c.status === "ERROR" && c.reference_run !== null)) {
            found = d;
            return true;
          }
        }
        return false;
      },
      { message: "no run has a comparison in ERROR", timeout: 150_000, intervals: [3_000] },
    )
    .toBe(true);
  return found!;
}
