/**
 * The part of certification every stage shares, in workflow code: wait for the stage's data
 * (ingest's `dataAvailable` signal; histories from before it polled), compare against the reference, write automatic flags, then
 * wait for a validated sign-off with reminders and escalation (comparisons that failed can be
 * retried meanwhile: comparison-retry.workflow.ts). Used by the run workflow for
 * online/express/prompt and by each reprocessing child workflow.
 */
import { ActivityFailure, ApplicationFailure, condition, patched, proxyActivities, setHandler, upsertSearchAttributes } from "@temporalio/workflow";
import type { Stage } from "../../db/tables/dataset.table";
import { hasRole } from "../../server/auth/roles";
import type { CertificationConfig } from "../../server/certification/certification-config";
import { MIN_BAD_COMMENT } from "../../server/certification/flags";
import { allowedRunTransitions, type DatasetState, type RunState } from "../../server/certification/states";
import type { CertificationActivities, RecordStepInput } from "./certification.activities";
import { retryComparisons, validateRetryComparisons } from "./comparison-retry.workflow";
import {
  CertStatusKey,
  RunClassKey,
  dataAvailableSignal,
  flagsChangedSignal,
  reopenUpdate,
  retryComparisonsUpdate,
  type RetryComparisonsRequest,
  runMetadataSignal,
  type ReopenRequest,
  type SignoffRecord,
  signOffUpdate,
  type SignOffRequest,
  StageKey,
  type StageReadiness,
  type StageView,
} from "./certify-run.messages";

export const AUTO_SIGNOFF_USER = "auto-signoff";

export function certificationActivities(config: CertificationConfig) {
  return proxyActivities<CertificationActivities>({
    startToCloseTimeout: config.activity.startToCloseMs,
    retry: {
      initialInterval: config.activity.initialRetryMs,
      backoffCoefficient: 2,
      maximumInterval: config.activity.initialRetryMs * 32,
      maximumAttempts: config.activity.maximumAttempts,
      nonRetryableErrorTypes: ["BadHistogramError", "NotificationRejected"],
    },
  });
}

export interface StageRecord {
  stage: Stage;
  dataset: string | null;
  /** Dataset named in advance (online, a reprocessing campaign); other announcements are ignored. */
  fixedDataset: string | null;
  announced: string | null;
  status: string;
  referenceRun: number | null;
  comparisonError: string | null;
  /** Retries of failed comparisons asked for so far (numbers their audit steps). */
  comparisonRetries: number;
  /** True while a retry's activities run: no second retry, no sign-off meanwhile. */
  retrying: boolean;
  readiness: StageReadiness | null;
  signoff: SignoffRecord | null;
}

export interface MachineIdentity {
  readonly runNumber: number;
  readonly runClass: string;
  readonly lsCount: number;
  readonly config: CertificationConfig;
  readonly metadataPending?: boolean;
}

export class StageMachine {
  runState: RunState;
  currentStage: Stage;
  certStatus = "starting";
  signoffCount: number;
  readonly stages = new Map<Stage, StageRecord>();
  readonly awaiting = new Set<Stage>();
  /** Each stage's latest sign-off write (audit + dataset SIGNOFF), which COMPLETED must follow. */
  private readonly signoffWrites = new Map<Stage, Promise<void>>();
  readonly acts: ReturnType<typeof certificationActivities>;
  private readonly workspaces: string[];
  /** Run class and LS count: from the start, or from OMS's `runMetadata` signal when the data came first. */
  runClass: string;
  lsCount: number;
  metadataPending: boolean;
  /** Datasets announced for stages that had not started yet. */
  private readonly earlyData = new Map<Stage, string>();

  constructor(
    readonly id: MachineIdentity,
    firstStage: Stage,
    runState: RunState,
    signoffCount: number,
    /** False for a reprocessing campaign: the run's state belongs to the run's workflow. */
    private readonly ownsRunState = true,
  ) {
    this.runState = runState;
    this.currentStage = firstStage;
    this.signoffCount = signoffCount;
    this.acts = certificationActivities(id.config);
    this.runClass = id.runClass;
    this.lsCount = id.lsCount;
    this.metadataPending = id.metadataPending === true;
    this.workspaces = ["global", ...new Set(id.config.components.map((c) => c.split("-")[0] ?? c))];
  }

  installHandlers(): void {
    setHandler(dataAvailableSignal, ({ stage, dataset }) => {
      const rec = this.stages.get(stage);
      if (!rec) {
        // Data of a later stage (express while online awaits its sign-off): kept for that stage.
        if (!this.earlyData.has(stage)) this.earlyData.set(stage, dataset);
        return;
      }
      if (rec.dataset !== null) return;
      if (rec.fixedDataset !== null && rec.fixedDataset !== dataset) return;
      rec.announced = dataset;
    });
    setHandler(runMetadataSignal, ({ runClass, lsCount }) => {
      this.runClass = runClass;
      this.lsCount = lsCount;
      this.metadataPending = false;
      upsertSearchAttributes([{ key: RunClassKey, value: runClass }]);
    });
    setHandler(flagsChangedSignal, ({ stage, readiness }) => {
      const rec = this.stages.get(stage);
      if (rec && (rec.readiness === null || readiness.version >= rec.readiness.version)) rec.readiness = readiness;
    });
    setHandler(signOffUpdate, (req) => this.signOff(req), { validator: (req: SignOffRequest) => this.validateSignOff(req) });
    setHandler(reopenUpdate, (req) => this.reopen(req), { validator: (req: ReopenRequest) => this.validateReopen(req) });
    // Runs only when asked for: registering it adds no command, so recorded histories replay unchanged.
    setHandler(retryComparisonsUpdate, (req) => retryComparisons(this, req), { validator: (req: RetryComparisonsRequest) => validateRetryComparisons(this, req) });
  }

  view(): StageView[] {
    return [...this.stages.values()].map((r) => ({
      stage: r.stage,
      dataset: r.dataset ?? r.fixedDataset,
      status: r.status,
      referenceRun: r.referenceRun,
      comparisonError: r.comparisonError,
      readiness: r.readiness,
      signoff: r.signoff,
    }));
  }

  /** Why `req` may not sign off now, or nothing. Throws: Temporal rejects the update without touching history. */
  validateSignOff(req: SignOffRequest): void {
    if (!hasRole(req.role, "shifter")) throw new Error(`sign-off needs the shifter role; ${req.user} is ${req.role}`);
    if (!this.awaiting.has(req.stage)) {
      const waiting = [...this.awaiting];
      throw new Error(`stage ${req.stage} of run ${this.id.runNumber} is not awaiting sign-off (${this.stages.get(req.stage)?.status ?? "not started"}); awaiting: ${waiting.length ? waiting.join(", ") : "none"}`);
    }
    const rec = this.stages.get(req.stage);
    const readiness = rec?.readiness;
    const unknown = readiness
      ? Object.entries(readiness.unknownLs).filter(([, n]) => n > 0).map(([c, n]) => `${c} (${n} LS)`)
      : this.lsCount > 0 ? this.id.config.components.map((c) => `${c} (${this.lsCount} LS)`) : [];
    if (unknown.length > 0) throw new Error(`sign-off refused: lumisections without a status in ${unknown.join(", ")}`);
    const bad = readiness ? Object.entries(readiness.badWithoutComment).filter(([, n]) => n > 0).map(([c]) => c) : [];
    if (bad.length > 0) throw new Error(`sign-off refused: BAD flags need a comment of at least ${MIN_BAD_COMMENT} characters in ${bad.join(", ")}`);
  }

  validateReopen(req: ReopenRequest): void {
    if (!hasRole(req.role, "expert")) throw new Error(`reopening needs the expert role; ${req.user} is ${req.role}`);
    const rec = this.stages.get(req.stage);
    if (!rec?.signoff) {
      const signed = [...this.stages.values()].filter((r) => r.signoff).map((r) => r.stage);
      throw new Error(`stage ${req.stage} of run ${this.id.runNumber} is not signed off; stages that can be reopened: ${signed.length ? signed.join(", ") : "none"}`);
    }
    if (req.reason.trim().length < MIN_BAD_COMMENT) throw new Error(`reopening needs a reason of at least ${MIN_BAD_COMMENT} characters`);
  }

  private async signOff(req: SignOffRequest): Promise<{ stage: Stage; runState: RunState }> {
    const rec = this.stages.get(req.stage);
    if (!rec) throw ApplicationFailure.nonRetryable(`stage ${req.stage} has not started`);
    this.validateSignOff(req);
    rec.signoff = { user: req.user, comment: req.comment, at: new Date().toISOString() };
    this.awaiting.delete(req.stage);
    const n = ++this.signoffCount;
    const before = this.runState;
    const target: RunState | null = req.stage === "online" ? "SIGNOFF" : req.stage === "prompt" ? "COMPLETED" : null;
    if (target && allowedRunTransitions(this.runState, "shifter").includes(target)) this.runState = target;
    rec.status = "signed-off";
    if (req.stage === this.currentStage) this.setStatus("signed-off");
    const write = this.record(req.stage, ["signoff", n], "signoff", req.user, req.comment, { runState: before, dataset: "OPEN" }, { runState: this.runState, dataset: "SIGNOFF", stage: req.stage }, rec, "SIGNOFF");
    this.signoffWrites.set(req.stage, write);
    await write;
    return { stage: req.stage, runState: this.runState };
  }

  private async reopen(req: ReopenRequest): Promise<{ stage: Stage; runState: RunState }> {
    const rec = this.stages.get(req.stage);
    if (!rec) throw ApplicationFailure.nonRetryable(`stage ${req.stage} has not started`);
    this.validateReopen(req);
    const before = { runState: this.runState, signoff: rec.signoff };
    rec.signoff = null;
    rec.status = "awaiting-signoff";
    this.awaiting.add(req.stage);
    if (req.stage === "online" && this.runState !== "OPEN") this.runState = "OPEN";
    else if (req.stage === "prompt" && this.runState === "COMPLETED") this.runState = "SIGNOFF";
    const n = ++this.signoffCount;
    await this.record(req.stage, ["reopen", n], "reopen", req.user, req.reason, before, { runState: this.runState, dataset: "OPEN" }, rec, "OPEN");
    return { stage: req.stage, runState: this.runState };
  }

  setStatus(certStatus: string, stage: Stage = this.currentStage): void {
    this.certStatus = certStatus;
    this.currentStage = stage;
    upsertSearchAttributes([
      { key: StageKey, value: stage },
      { key: CertStatusKey, value: certStatus },
    ]);
  }

  /** Audit row + board status in one activity, keyed by workflow id and step. */
  async record(stage: Stage, step: (string | number)[], kind: string, actor: string, reason: string, before: unknown, after: unknown, rec?: StageRecord, datasetState?: DatasetState): Promise<void> {
    const dataset = rec ? rec.dataset ?? rec.fixedDataset : null;
    const input: RecordStepInput = {
      runNumber: this.id.runNumber,
      step: [stage, ...step],
      kind,
      actor,
      reason,
      before,
      after,
      status: { runNumber: this.id.runNumber, runClass: this.runClass, ...(this.ownsRunState ? { state: this.runState } : {}), stage: this.currentStage, certStatus: this.certStatus, lsCount: this.lsCount, lastError: rec?.comparisonError ?? null, components: this.id.config.components },
      ...(dataset && datasetState ? { dataset: { name: dataset, stage, state: datasetState, workspaces: this.workspaces } } : {}),
    };
    await this.acts.recordStep(input);
  }

  /** Runs one stage to its sign-off. */
  async runStage(stage: Stage, fixedDataset: string | null): Promise<void> {
    const { config } = this.id;
    const rec: StageRecord = { stage, dataset: null, fixedDataset, announced: null, status: "waiting-data", referenceRun: null, comparisonError: null, comparisonRetries: 0, retrying: false, readiness: null, signoff: null };
    this.stages.set(stage, rec);
    this.setStatus("waiting-data", stage);
    await this.record(stage, ["start"], "stage-start", "system", `stage ${stage} waiting for its data`, null, { stage }, rec, "waiting dqm gui");

    if (patched("data-by-ingest-signal")) await this.awaitAnnouncedData(rec);
    else {
      while (rec.dataset === null) {
        if (await condition(() => rec.announced !== null, config.dataPollMs)) rec.dataset = rec.announced;
        else rec.dataset = await this.acts.findStageData({ runNumber: this.id.runNumber, stage, ...(fixedDataset ? { dataset: fixedDataset } : {}) });
      }
    }
    const dataset = rec.dataset;
    if (dataset === null) throw ApplicationFailure.nonRetryable(`stage ${stage} has no dataset`);
    rec.status = "comparing";
    this.setStatus("comparing", stage);
    await this.record(stage, ["data"], "transition", "system", `data of ${dataset} available`, { dataset: "waiting dqm gui" }, { dataset: "OPEN" }, rec, "OPEN");

    await this.compare(rec, dataset);

    rec.status = rec.comparisonError ? "comparison-failed" : "awaiting-signoff";
    this.awaiting.add(stage);
    this.setStatus(rec.status, stage);
    await this.record(stage, ["awaiting-signoff"], rec.comparisonError ? "comparison-failed" : "transition", "system", rec.comparisonError ?? "comparisons done, automatic flags written", null, { status: rec.status, referenceRun: rec.referenceRun }, rec);

    await this.signOffAutomatically(stage);
    await this.awaitSignoff(rec);
    // The sign-off update's write (dataset SIGNOFF) runs beside this loop; without waiting for it,
    // it could land after COMPLETED and leave the dataset SIGNOFF.
    const signoffWrite = this.signoffWrites.get(stage);
    if (signoffWrite && patched("completed-after-signoff-write")) await signoffWrite.catch(() => undefined);
    rec.status = "completed";
    this.setStatus("completed", stage);
    await this.record(stage, ["completed"], "transition", "system", `stage ${stage} completed`, { dataset: "SIGNOFF" }, { dataset: "COMPLETED" }, rec, "COMPLETED");
  }

  /** The configuration's automatic sign-off of a stage awaiting one, when a shifter's sign-off would be accepted; true when it signed. */
  async signOffAutomatically(stage: Stage): Promise<boolean> {
    if (!this.id.config.autoSignoff || !this.awaiting.has(stage)) return false;
    const req: SignOffRequest = { stage, user: AUTO_SIGNOFF_USER, role: "shifter", comment: "automatic sign-off" };
    try {
      this.validateSignOff(req);
    } catch {
      return false;
    }
    await this.signOff(req);
    return true;
  }

  /**
   * Compares the stage's MEs with the reference and writes the automatic flags. An activity that
   * failed after its retries leaves the error in `comparisonError` (cleared here first, so a retry
   * that succeeds clears it); the stage then waits for a sign-off or a retry.
   */
  async compare(rec: StageRecord, dataset: string): Promise<void> {
    const { config } = this.id;
    const stage = rec.stage;
    rec.comparisonError = null;
    try {
      const res = await this.acts.compareStage({ runNumber: this.id.runNumber, runClass: this.runClass, stage, dataset, config: { monitorElements: config.monitorElements, comparisons: config.comparisons, references: config.references } });
      rec.referenceRun = res.referenceRun;
      const readiness = await this.acts.applyAutoFlags({ runNumber: this.id.runNumber, stage, dataset, lsCount: this.lsCount, config: { components: config.components, autoFlagRules: config.autoFlagRules }, outcomes: res.outcomes });
      if (rec.readiness === null || readiness.version >= rec.readiness.version) rec.readiness = readiness;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      rec.comparisonError = err.cause?.message ?? err.message;
    }
  }

  /**
   * Ingest signals each stage's data (`dataAvailable`), so nothing polls. Data that have not come
   * after `dataPollMs` (production: 15 min) are escalated once in the audit trail, and the stage
   * keeps waiting. A run whose metadata OMS has not sent yet waits for it before comparing: its
   * class decides the reference.
   */
  private async awaitAnnouncedData(rec: StageRecord): Promise<void> {
    const { dataPollMs } = this.id.config;
    const early = this.earlyData.get(rec.stage);
    if (rec.announced === null && early !== undefined && (rec.fixedDataset === null || rec.fixedDataset === early)) rec.announced = early;
    // Data ingested before this workflow or this stage began: one look, then only the signal.
    if (rec.announced === null) {
      const found = await this.acts.findStageData({ runNumber: this.id.runNumber, stage: rec.stage, ...(rec.fixedDataset ? { dataset: rec.fixedDataset } : {}) });
      if (found !== null && rec.announced === null) rec.announced = found;
    }
    if (!(await condition(() => rec.announced !== null, dataPollMs))) {
      rec.status = "data-overdue";
      this.setStatus("data-overdue", rec.stage);
      await this.record(rec.stage, ["data-overdue"], "escalation", "system", `no data for ${rec.stage} after ${Math.round(dataPollMs / 1000)} s`, null, null, rec);
      await condition(() => rec.announced !== null);
    }
    rec.dataset = rec.announced;
    if (this.metadataPending) {
      this.setStatus("waiting-metadata", rec.stage);
      await this.record(rec.stage, ["waiting-metadata"], "transition", "system", `data of ${rec.dataset} came before the run's OMS metadata: waiting for its run class`, null, null, rec);
      await condition(() => !this.metadataPending);
    }
  }

  /** Waits for the sign-off; a reminder every `reminderMs`, one escalation once `escalationMs` has passed. */
  private async awaitSignoff(rec: StageRecord): Promise<void> {
    const { reminderMs, escalationMs } = this.id.config.deadlines;
    const since = Date.now();
    let reminders = 0;
    let escalated = false;
    while (rec.signoff === null) {
      if (await condition(() => rec.signoff !== null, reminderMs)) break;
      reminders++;
      const overdue = Date.now() - since >= escalationMs;
      if (overdue && !escalated && patched("signoff-escalation")) {
        escalated = true;
        await this.record(rec.stage, ["escalation"], "escalation", "system", `sign-off of ${rec.stage} overdue by more than ${escalationMs} ms`, null, { reminders }, rec);
      } else {
        await this.record(rec.stage, ["reminder", reminders], "reminder", "system", `sign-off of ${rec.stage} still missing`, null, { reminders }, rec);
      }
    }
  }
}
