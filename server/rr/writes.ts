/**
 * RR's write calls, each done the way the web app does it: run moves are the run workflow's
 * sign-off and reopen updates, lumisection edits are flag edits (audited, signalled to the
 * workflow), class changes and refreshes reach the workflow as its `runMetadata` signal.
 * Refusals carry RR's texts ("Run must be in state OPEN …").
 */
import { randomUUID } from "node:crypto";
import { WorkflowNotFoundError } from "@temporalio/client";
import type { Stage } from "../../db/tables/dataset.table";
import { certifyRunWorkflowId, runMetadataSignal } from "../../workflows/certification/certify-run.messages";
import type { Identity } from "../auth/identity";
import type { Role } from "../auth/roles";
import { auditKey, recordAudit } from "../certification/audit.repository";
import { type CertificationDeps, editFlag, reopen, signOff } from "../certification/certification.service";
import { type DatasetState, datasetStates, type RunState, runStates } from "../certification/states";
import { moveWorkspaceState } from "../certification/workspace-state";
import { RrError } from "./errors";
import { type RrContext, rrDatasetRows, rrRunRows } from "./rows";
import { ONLINE_DATASET, runClassFromRr, rrWritableStatuses } from "./vocabulary";

export interface WriteDeps extends RrContext {
  readonly cert: CertificationDeps;
}

/** The role each write needs, as the same action needs in the web app. */
export function roleForRunMove(from: RunState, to: RunState): Role {
  return runStates.indexOf(to) > runStates.indexOf(from) ? "shifter" : "expert";
}
export function roleForDatasetMove(from: DatasetState, to: DatasetState): Role {
  return datasetStates.indexOf(to) > datasetStates.indexOf(from) ? "shifter" : "expert";
}
export const ROLE_EDIT_LUMISECTIONS: Role = "shifter";
export const ROLE_MARK_SIGNIFICANT: Role = "shifter";
export const ROLE_REFRESH: Role = "shifter";
export const ROLE_CHANGE_CLASS: Role = "expert";

export function runNumberOf(v: unknown): number {
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw new RrError(`run_number must be a positive integer, not ${JSON.stringify(v)?.slice(0, 40)}`);
  return n;
}

export function runStateOf(v: string): RunState {
  if (!(runStates as readonly string[]).includes(v)) throw new RrError(`Invalid state '${v.slice(0, 40)}'; run states are ${runStates.join(", ")}`);
  return v as RunState;
}

export function datasetStateOf(v: string): DatasetState {
  if (!(datasetStates as readonly string[]).includes(v)) throw new RrError(`Invalid state '${v.slice(0, 40)}'; dataset states are ${datasetStates.join(", ")}`);
  return v as DatasetState;
}

async function runFacts(d: WriteDeps, runNumber: number) {
  const row = await d.db
    .selectFrom("run as r")
    .leftJoin("cert_run as cr", "cr.run_number", "r.run_number")
    .select(["r.run_number", "r.run_class", "r.significant", "r.ls_count", "cr.state", "cr.ls_count as certLs"])
    .where("r.run_number", "=", runNumber)
    .executeTakeFirst();
  if (!row) throw new RrError(`Run ${runNumber} not found`);
  return { ...row, state: (row.state ?? null) as RunState | null };
}

async function runRow(d: WriteDeps, runNumber: number) {
  const [row] = await rrRunRows(d, [runNumber]);
  return row;
}

async function requireOpen(d: WriteDeps, runNumber: number, what: string) {
  const run = await runFacts(d, runNumber);
  if (run.state !== "OPEN") throw new RrError(`Run must be in state OPEN to be ${what} (run ${runNumber} is ${run.state ?? "not under certification"})`);
  return run;
}

/** OPEN→SIGNOFF signs the online stage off, SIGNOFF→COMPLETED the prompt stage; moves back reopen them. */
export async function moveRun(d: WriteDeps, who: Identity, runNumber: number, from: RunState, to: RunState) {
  const run = await runFacts(d, runNumber);
  if (run.state === null) throw new RrError(`Run ${runNumber} is not under certification (start its certification first)`);
  if (run.state === to) throw new RrError(`Run ${runNumber} is already in state ${to}`);
  if (run.state !== from) throw new RrError(`Run must be in state ${from} to be moved to ${to} (run ${runNumber} is ${run.state})`);
  const stage: Stage = from === "OPEN" || to === "OPEN" ? "online" : "prompt";
  if (runStates.indexOf(to) > runStates.indexOf(from)) {
    if (from === "OPEN" && to === "COMPLETED") throw new RrError(`Run ${runNumber} moves OPEN → SIGNOFF → COMPLETED, one state at a time`);
    await signOff(d.cert, who, { runNumber, stage, comment: `moved ${from} → ${to} through the Run Registry API` });
  } else {
    await reopen(d.cert, who, { runNumber, stage, reason: `moved ${from} → ${to} through the Run Registry API` });
  }
  return runRow(d, runNumber);
}

export async function markSignificant(d: WriteDeps, who: Identity, runNumber: number) {
  const run = await requireOpen(d, runNumber, "marked significant");
  if (run.significant) throw new RrError(`Run ${runNumber} is already significant`);
  await d.db.transaction().execute(async (trx) => {
    await trx.updateTable("run").set({ significant: true, updated_at: new Date() }).where("run_number", "=", runNumber).execute();
    await recordAudit(trx, { key: auditKey("api", "significant", randomUUID()), runNumber, kind: "mark-significant", actor: who.user, before: { significant: false }, after: { significant: true }, reason: "Run Registry API" });
  });
  return runRow(d, runNumber);
}

async function tellMetadata(d: WriteDeps, runNumber: number, runClass: string, lsCount: number) {
  try {
    await (await d.cert.temporal()).workflow.getHandle(certifyRunWorkflowId(runNumber)).signal(runMetadataSignal, { runClass, lsCount });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** Re-sends the run's OMS facts (class, lumisections) to its workflow; `reset` also clears a significance set by hand. */
export async function refreshRun(d: WriteDeps, who: Identity, runNumber: number, reset: boolean) {
  const run = await requireOpen(d, runNumber, "refreshed");
  await tellMetadata(d, runNumber, run.run_class, run.certLs ?? run.ls_count ?? 0);
  await recordAudit(d.db, { key: auditKey("api", reset ? "reset-refresh" : "refresh", randomUUID()), runNumber, kind: reset ? "rr-reset-refresh" : "rr-refresh", actor: who.user, reason: "Run Registry API" });
  return runRow(d, runNumber);
}

export async function changeRunClass(d: WriteDeps, who: Identity, runNumber: number, body: unknown) {
  const rrClass = (body as Record<string, unknown> | null)?.class;
  if (typeof rrClass !== "string" || rrClass.length === 0) throw new RrError("The body must contain the attribute 'class'");
  const run = await requireOpen(d, runNumber, "edited");
  const runClass = runClassFromRr(rrClass);
  if (!runClass) throw new RrError(`class '${rrClass.slice(0, 40)}' maps to no dqmflow run class (Collisions*, Cosmics*, Commissioning*, HI*/HeavyIons*, Other)`);
  await d.db.transaction().execute(async (trx) => {
    await trx.updateTable("run").set({ run_class: runClass, updated_at: new Date() }).where("run_number", "=", runNumber).execute();
    await trx.updateTable("cert_run").set({ run_class: runClass }).where("run_number", "=", runNumber).execute();
    await recordAudit(trx, { key: auditKey("api", "class", randomUUID()), runNumber, kind: "class-change", actor: who.user, before: { class: run.run_class }, after: { class: runClass, rrClass }, reason: "Run Registry API" });
  });
  await tellMetadata(d, runNumber, runClass, run.certLs ?? run.ls_count ?? 0);
  return runRow(d, runNumber);
}

export async function editRrLumisections(d: WriteDeps, who: Identity, body: unknown) {
  const b = (body ?? {}) as Record<string, unknown>;
  const range = (b.new_lumisection_range ?? {}) as Record<string, unknown>;
  const runNumber = runNumberOf(b.run_number);
  const dataset = typeof b.dataset_name === "string" ? b.dataset_name : ONLINE_DATASET;
  const component = b.component;
  if (typeof component !== "string" || !/^[a-z0-9]+-[a-z0-9_]+$/.test(component)) throw new RrError("component must be <workspace>-<column>, e.g. dt-dt");
  const status = range.status;
  if (typeof status !== "string" || status === "") throw new RrError("No status was provided for the new lumisection range");
  if (!(rrWritableStatuses as readonly string[]).includes(status)) throw new RrError(`status must be one of ${rrWritableStatuses.join(", ")}`);
  const comment = typeof range.comment === "string" ? range.comment : "";
  const cause = typeof range.cause === "string" ? range.cause : "";
  const start = runNumberOf(range.start);
  const end = runNumberOf(range.end);
  if (start > end) throw new RrError("Invalid range: start must be less than or equal to end");
  if (dataset === ONLINE_DATASET) await requireOpen(d, runNumber, "edited in its online lumisections");
  const res = await editFlag(d.cert, who, { runNumber, dataset, component, firstLs: start, lastLs: end, status: status as (typeof rrWritableStatuses)[number], cause, comment, requestId: randomUUID() });
  return { run_number: runNumber, name: dataset, component, lumisection_start: start, lumisection_end: end, status, comment, cause, by: who.user, change_id: res.changeId };
}

export async function moveDataset(d: WriteDeps, who: Identity, workspace: string, from: DatasetState, to: DatasetState, body: unknown) {
  const b = (body ?? {}) as Record<string, unknown>;
  const runNumber = runNumberOf(b.run_number);
  const dataset = typeof b.dataset_name === "string" ? b.dataset_name : "";
  if (!dataset) throw new RrError("dataset_name is required");
  const global = await d.db.selectFrom("cert_dataset").select(["state", "stage"]).where("run_number", "=", runNumber).where("dataset_name", "=", dataset).where("workspace", "=", "global").executeTakeFirst();
  if (!global) throw new RrError(`Dataset ${dataset} of run ${runNumber} not found`);
  if (workspace === "global") {
    if (global.state !== from) throw new RrError(`Dataset must be in state ${from} to be moved to ${to} (${dataset} of run ${runNumber} is ${global.state})`);
    const stage = global.stage;
    if (from === "OPEN" && to === "SIGNOFF") await signOff(d.cert, who, { runNumber, stage, comment: `dataset moved ${from} → ${to} through the Run Registry API` });
    else if ((from === "SIGNOFF" || from === "COMPLETED") && to === "OPEN") await reopen(d.cert, who, { runNumber, stage, reason: `dataset moved ${from} → ${to} through the Run Registry API` });
    else throw new RrError(`The global state ${from} → ${to} follows the ${stage} stage's certification; only OPEN → SIGNOFF (sign-off) and back to OPEN (reopen) are moves`);
  } else {
    await moveWorkspaceState(d.db, who, { runNumber, dataset, workspace, from, to, requestId: randomUUID() });
  }
  const [row] = await rrDatasetRows(d, [{ run: runNumber, dataset }]);
  return row;
}
