/**
 * What the API and tools do to a run's certification: start its workflow, sign off and reopen
 * (validated updates), edit and undo flags, freeze datasets, report calibrations, ask for
 * reprocessing. Domain errors name what was wrong; the router turns them into tRPC codes.
 */
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/common";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import {
  calibrationStatusSignal,
  certificationQuery,
  type CertificationView,
  CertStatusKey,
  certifyRunWorkflowId,
  certifyRunWorkflowType,
  type ReprocessingRequest,
  flagsChangedSignal,
  reopenUpdate,
  reprocessingWorkflowId,
  requestReprocessingSignal,
  RunClassKey,
  RunNumberKey,
  signOffUpdate,
  StageKey,
} from "../../workflows/certification/certify-run.messages";
import type { certifyRunWorkflow } from "../../workflows/certification/certify-run.workflow";
import { stageReadiness } from "./stage-readiness";
import type { Identity } from "../auth/identity";
import { hasRole } from "../auth/roles";
import { auditKey, recordAudit } from "./audit.repository";
import type { CalibrationStatus } from "./calibration";
import { type CertificationConfig, defaultCertificationConfig } from "./certification-config";
import { componentsOf, getCertRun, setCalibrationStatus } from "./cert-run.repository";
import { CertificationRuleError, NotFoundError } from "./errors";
import { insertFlags, writePersonFlag } from "./flag.repository";
import { type FlagInput, type FlagStatus, MIN_SIGNOFF_COMMENT, validateFlag } from "./flags";

export interface CertificationDeps {
  readonly db: Db;
  readonly temporal: () => Promise<Client>;
  readonly taskQueue: string;
}

async function runRow(db: Db, runNumber: number) {
  const run = await db.selectFrom("run").select(["run_number", "run_class", "ls_count"]).where("run_number", "=", runNumber).executeTakeFirst();
  if (!run) throw new NotFoundError(`unknown run ${runNumber}`);
  return run;
}

/** The run's certification row; a run without one is NotFoundError (unknown, or not started). */
export async function certRunRow(db: Db, runNumber: number) {
  const row = await getCertRun(db, runNumber);
  if (!row) {
    await runRow(db, runNumber);
    throw new NotFoundError(`run ${runNumber} has no certification yet (start it first)`);
  }
  return row;
}

/** Starts `certify-run-<run>`; starting a run already being certified returns its workflow (idempotent). */
export async function startCertification(deps: CertificationDeps, runNumber: number, config: CertificationConfig = defaultCertificationConfig) {
  const run = await runRow(deps.db, runNumber);
  const lsCount =
    run.ls_count ??
    Number((await deps.db.selectFrom("lumisection").select((eb) => eb.fn.countAll<number>().as("n")).where("run_number", "=", runNumber).executeTakeFirst())?.n ?? 0);
  const workflowId = certifyRunWorkflowId(runNumber);
  const client = await deps.temporal();
  try {
    await client.workflow.start<typeof certifyRunWorkflow>(certifyRunWorkflowType, {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [{ runNumber, runClass: run.run_class, lsCount, config }],
      typedSearchAttributes: [
        { key: RunNumberKey, value: runNumber },
        { key: RunClassKey, value: run.run_class },
        { key: StageKey, value: "online" },
        { key: CertStatusKey, value: "starting" },
      ],
    });
    return { workflowId, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
    throw err;
  }
}

/** The workflow certifying a stage: the run's, or a reprocessing campaign's child. */
export async function stageWorkflowId(db: Db, runNumber: number, stage: Stage, campaign?: string): Promise<string> {
  if (stage !== "reprocessing") return certifyRunWorkflowId(runNumber);
  if (!campaign) {
    const rows = await db.selectFrom("cert_audit").select("after").where("run_number", "=", runNumber).where("kind", "=", "reprocessing-started").orderBy("id").execute();
    const campaigns = rows.map((r) => (r.after as { workflowId: string }).workflowId);
    if (campaigns.length !== 1) throw new CertificationRuleError(`run ${runNumber} has ${campaigns.length} reprocessing campaigns: name one (campaign)`);
    return campaigns[0]!;
  }
  return reprocessingWorkflowId(runNumber, campaign);
}

/** A refused or failed update as a domain error: the validator's words, or the missing workflow. */
export function updateError(err: unknown, runNumber: number): Error {
  if (err instanceof WorkflowUpdateFailedError) return new CertificationRuleError(err.cause?.message ?? err.message);
  if (err instanceof WorkflowNotFoundError) return new NotFoundError(`run ${runNumber} has no certification workflow running`);
  return err instanceof Error ? err : new Error(String(err));
}

export interface SignOffInput {
  readonly runNumber: number;
  readonly stage: Stage;
  readonly comment: string;
  readonly campaign?: string;
}

/**
 * Signs off a stage through its workflow's validated update. The stage's readiness is computed
 * afresh from the stored flags first, so flags stored before a rule changed (automatic BAD flags
 * without a comment) are judged by today's rule, not by what the workflow last heard.
 */
export async function signOff(deps: CertificationDeps, who: Identity, input: SignOffInput) {
  if (input.comment.trim().length < MIN_SIGNOFF_COMMENT) throw new CertificationRuleError(`comment: say what you checked for the ${input.stage} sign-off (at least ${MIN_SIGNOFF_COMMENT} characters)`);
  const run = await certRunRow(deps.db, input.runNumber);
  const ds = await deps.db.selectFrom("cert_dataset").select("dataset_name").where("run_number", "=", input.runNumber).where("stage", "=", input.stage).where("workspace", "=", "global").execute();
  if (ds.length === 1 && input.stage !== "reprocessing") await afterFlagChange(deps, input.runNumber, ds[0]!.dataset_name, input.stage, run.ls_count, componentsOf(run));
  const handle = (await deps.temporal()).workflow.getHandle(await stageWorkflowId(deps.db, input.runNumber, input.stage, input.campaign));
  try {
    return await handle.executeUpdate(signOffUpdate, { args: [{ stage: input.stage, user: who.user, role: who.role, comment: input.comment }] });
  } catch (err) {
    throw updateError(err, input.runNumber);
  }
}

export async function reopen(deps: CertificationDeps, who: Identity, input: { runNumber: number; stage: Stage; reason: string; campaign?: string }) {
  await certRunRow(deps.db, input.runNumber);
  const handle = (await deps.temporal()).workflow.getHandle(await stageWorkflowId(deps.db, input.runNumber, input.stage, input.campaign));
  try {
    return await handle.executeUpdate(reopenUpdate, { args: [{ stage: input.stage, user: who.user, role: who.role, reason: input.reason }] });
  } catch (err) {
    throw updateError(err, input.runNumber);
  }
}

export interface FlagEditInput {
  readonly runNumber: number;
  readonly dataset: string;
  readonly component: string;
  readonly firstLs: number;
  readonly lastLs: number;
  readonly status: FlagStatus;
  readonly cause?: string;
  readonly comment: string;
  /** The client's id for this edit: a repeated request writes nothing twice. */
  readonly requestId: string;
}

async function datasetFor(db: Db, runNumber: number, dataset: string, who: Identity) {
  const rows = await db.selectFrom("cert_dataset").select(["stage", "state", "frozen", "workspace"]).where("run_number", "=", runNumber).where("dataset_name", "=", dataset).execute();
  const global = rows.find((r) => r.workspace === "global");
  if (!global) throw new NotFoundError(`run ${runNumber} has no dataset '${dataset}' under certification`);
  if (global.frozen) throw new CertificationRuleError(`dataset ${dataset} of run ${runNumber} is frozen: its flags refuse changes until an expert unfreezes it`);
  if ((global.state === "SIGNOFF" || global.state === "COMPLETED") && !hasRole(who.role, "expert")) {
    throw new CertificationRuleError(`dataset ${dataset} of run ${runNumber} is ${global.state}: only experts edit flags after sign-off`);
  }
  return global;
}

/** Tells the stage's workflow the readiness its flags now give (a closed workflow needs none). */
export async function afterFlagChange(deps: CertificationDeps, runNumber: number, dataset: string, stage: Stage, lsCount: number, components: readonly string[]) {
  const readiness = await stageReadiness(deps.db, runNumber, dataset, components, lsCount);
  try {
    const id = await stageWorkflowId(deps.db, runNumber, stage);
    await (await deps.temporal()).workflow.getHandle(id).signal(flagsChangedSignal, { stage, readiness });
  } catch (err) {
    // A closed workflow no longer needs the readiness (edits after completion are expert corrections).
    if (!(err instanceof WorkflowNotFoundError) && !(err instanceof CertificationRuleError)) throw err;
  }
  return readiness;
}

/** A person's flag on a lumisection range; written once per requestId, audited, and told to the workflow. */
export async function editFlag(deps: CertificationDeps, who: Identity, input: FlagEditInput) {
  const run = await certRunRow(deps.db, input.runNumber);
  const components = componentsOf(run);
  const ds = await datasetFor(deps.db, input.runNumber, input.dataset, who);
  const flag: FlagInput = { component: input.component, firstLs: input.firstLs, lastLs: input.lastLs, status: input.status, cause: input.cause ?? "", comment: input.comment, origin: { kind: "person", name: who.user } };
  validateFlag(flag, run.ls_count, components);
  const key = auditKey("api", "flag", input.requestId);
  const id = await deps.db.transaction().execute((trx) => writePersonFlag(trx, input.runNumber, input.dataset, flag, who.user, key));
  const readiness = await afterFlagChange(deps, input.runNumber, input.dataset, ds.stage, run.ls_count, components);
  return { changeId: id, repeated: id === null, readiness };
}

/** Undoes one flag version (itself a new version), audited. */
export async function undoFlag(deps: CertificationDeps, who: Identity, input: { runNumber: number; changeId: number; requestId: string }) {
  const run = await certRunRow(deps.db, input.runNumber);
  const components = componentsOf(run);
  const target = await deps.db.selectFrom("cert_flag").selectAll().where("id", "=", input.changeId).where("run_number", "=", input.runNumber).executeTakeFirst();
  if (!target) throw new NotFoundError(`run ${input.runNumber} has no flag version ${input.changeId}`);
  const ds = await datasetFor(deps.db, input.runNumber, target.dataset_name, who);
  if (target.undo_of !== null) throw new CertificationRuleError(`version ${target.id} is itself an undo (of version ${target.undo_of}); to put that flag back, flag the range again`);
  const key = auditKey("api", "undo", input.requestId);
  const flag: FlagInput = { component: target.component, firstLs: target.first_ls, lastLs: target.last_ls, status: target.status as FlagStatus, cause: `undo of version ${target.id}`, comment: target.comment, origin: { kind: "person", name: who.user } };
  const ids = await deps.db.transaction().execute(async (trx) => {
    // The lock makes two undos of one version (a double click, two shifters) wait for each other; the second sees the first.
    await trx.selectFrom("cert_flag").select("id").where("id", "=", target.id).forUpdate().execute();
    const earlier = await trx.selectFrom("cert_flag").select(["id", "created_by", "idempotency_key"]).where("undo_of", "=", target.id).executeTakeFirst();
    if (earlier && earlier.idempotency_key !== `${key}/0`) throw new CertificationRuleError(`version ${target.id} was already undone by ${earlier.created_by} (version ${earlier.id}); nothing to undo`);
    const inserted = await insertFlags(trx, input.runNumber, target.dataset_name, [flag], who.user, key, target.id);
    if (inserted.length) await recordAudit(trx, { key, runNumber: input.runNumber, kind: "flag-undo", actor: who.user, before: { id: target.id, status: target.status }, after: { id: inserted[0], undoOf: target.id }, reason: flag.cause });
    return inserted;
  });
  const readiness = await afterFlagChange(deps, input.runNumber, target.dataset_name, ds.stage, run.ls_count, components);
  return { changeId: ids[0] ?? null, repeated: ids.length === 0, readiness };
}

export async function setFrozen(deps: CertificationDeps, who: Identity, input: { runNumber: number; dataset: string; frozen: boolean }) {
  await certRunRow(deps.db, input.runNumber);
  const res = await deps.db.updateTable("cert_dataset").set({ frozen: input.frozen, updated_at: new Date() }).where("run_number", "=", input.runNumber).where("dataset_name", "=", input.dataset).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError(`run ${input.runNumber} has no dataset '${input.dataset}' under certification`);
  await recordAudit(deps.db, { key: auditKey("api", "freeze", input.runNumber, input.dataset, Date.now()), runNumber: input.runNumber, kind: input.frozen ? "freeze" : "unfreeze", actor: who.user, after: { dataset: input.dataset, frozen: input.frozen }, reason: "" });
  return { frozen: input.frozen };
}

/** A prompt-calibration workflow's status for a run (repeating a report changes nothing). */
export async function reportCalibration(deps: CertificationDeps, who: Identity, input: { runNumber: number; workflow: string; status: CalibrationStatus }) {
  await certRunRow(deps.db, input.runNumber);
  const handle = (await deps.temporal()).workflow.getHandle(certifyRunWorkflowId(input.runNumber));
  let view: CertificationView;
  try {
    view = await handle.query(certificationQuery);
  } catch (err) {
    throw updateError(err, input.runNumber);
  }
  const known = Object.keys(view.calibration);
  if (!known.includes(input.workflow)) throw new CertificationRuleError(`unknown calibration workflow '${input.workflow}'; this run waits for: ${known.join(", ") || "none"}`);
  await setCalibrationStatus(deps.db, input.runNumber, input.workflow, input.status);
  await handle.signal(calibrationStatusSignal, { workflow: input.workflow, status: input.status });
  await recordAudit(deps.db, { key: auditKey("api", "calibration", input.runNumber, input.workflow, input.status), runNumber: input.runNumber, kind: "calibration-report", actor: who.user, before: { status: view.calibration[input.workflow] }, after: { status: input.status }, reason: input.workflow });
  return { workflow: input.workflow, status: input.status };
}

/** Asks the run's workflow for a reprocessing campaign; restarts a closed workflow in its reprocessing phase. */
export async function requestReprocessing(deps: CertificationDeps, input: { runNumber: number; campaign: string; dataset: string }, config: CertificationConfig = defaultCertificationConfig) {
  const run = await runRow(deps.db, input.runNumber);
  const cert = await getCertRun(deps.db, input.runNumber);
  const client = await deps.temporal();
  await client.workflow.signalWithStart<typeof certifyRunWorkflow, [ReprocessingRequest]>(certifyRunWorkflowType, {
    workflowId: certifyRunWorkflowId(input.runNumber),
    taskQueue: deps.taskQueue,
    args: [{ runNumber: input.runNumber, runClass: run.run_class, lsCount: cert?.ls_count ?? run.ls_count ?? 0, config, resume: { runState: (cert?.state ?? "COMPLETED") as "COMPLETED", campaigns: [], signoffCount: 0 } }],
    signal: requestReprocessingSignal,
    signalArgs: [{ campaign: input.campaign, dataset: input.dataset }],
  });
  return { workflowId: reprocessingWorkflowId(input.runNumber, input.campaign) };
}
