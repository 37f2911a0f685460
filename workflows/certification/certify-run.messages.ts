/**
 * The messages of the certification workflows, beside them: ingest signals `dataAvailable`,
 * the API signals flag edits and calibration reports, sign-off, reopen and a retry of failed
 * comparisons are validated updates.
 */
import { defineSearchAttributeKey, SearchAttributeType } from "@temporalio/common";
import { defineQuery, defineSignal, defineUpdate } from "@temporalio/workflow";
import type { Role } from "../../server/auth/roles";
import type { CalibrationState, CalibrationStatus } from "../../server/certification/calibration";
import type { CertificationConfig } from "../../server/certification/certification-config";
import type { RunState } from "../../server/certification/states";
import type { Stage } from "../../db/tables/dataset.table";

export const RunNumberKey = defineSearchAttributeKey("RunNumber", SearchAttributeType.INT);
export const StageKey = defineSearchAttributeKey("Stage", SearchAttributeType.KEYWORD);
export const CertStatusKey = defineSearchAttributeKey("CertStatus", SearchAttributeType.KEYWORD);
export const RunClassKey = defineSearchAttributeKey("RunClass", SearchAttributeType.KEYWORD);

/** The workflow type, for typed starts from server code (`signalWithStart<typeof certifyRunWorkflow>(certifyRunWorkflowType, …)`). */
export const certifyRunWorkflowType = "certifyRunWorkflow";

export function certifyRunWorkflowId(runNumber: number): string {
  return `certify-run-${runNumber}`;
}

export function reprocessingWorkflowId(runNumber: number, campaign: string): string {
  return `certify-run-${runNumber}-reprocessing-${campaign}`;
}

export interface CertifyRunInput {
  readonly runNumber: number;
  readonly runClass: string;
  readonly lsCount: number;
  readonly config: CertificationConfig;
  /** Set when continuing as new, or when a reprocessing request starts a run whose workflow had closed. */
  readonly resume?: ResumeState;
  /**
   * True when a DQM file started the workflow before OMS announced the run: class and LS count
   * are unknown until `runMetadata` comes, and comparisons wait for it.
   */
  readonly metadataPending?: boolean;
}

export interface ResumeState {
  readonly runState: RunState;
  readonly campaigns: readonly string[];
  readonly signoffCount: number;
}

export interface ReprocessingInput {
  readonly runNumber: number;
  readonly runClass: string;
  readonly lsCount: number;
  readonly campaign: string;
  readonly dataset: string;
  readonly config: CertificationConfig;
}

/** Per stage: lumisections without a status and BAD ranges without a comment, per component. */
export interface StageReadiness {
  readonly version: number;
  readonly unknownLs: Record<string, number>;
  readonly badWithoutComment: Record<string, number>;
}

export interface SignoffRecord {
  readonly user: string;
  readonly comment: string;
  readonly at: string;
}

export interface StageView {
  readonly stage: Stage;
  readonly dataset: string | null;
  readonly status: string;
  readonly referenceRun: number | null;
  readonly comparisonError: string | null;
  readonly readiness: StageReadiness | null;
  readonly signoff: SignoffRecord | null;
}

export interface CertificationView {
  readonly runNumber: number;
  readonly runClass: string;
  readonly runState: RunState;
  readonly currentStage: Stage;
  readonly certStatus: string;
  readonly stages: StageView[];
  readonly awaitingSignoff: Stage[];
  readonly calibration: CalibrationState;
  readonly calibrationReleasedBy: "ready" | "timeout" | null;
  readonly reprocessing: string[];
}

export interface DataAvailable {
  readonly stage: Stage;
  readonly dataset: string;
}
/** OMS metadata of the run arrived or changed (class decides the reference and the tests). */
export interface RunMetadata {
  readonly runClass: string;
  readonly lsCount: number;
}
export interface FlagsChanged {
  readonly stage: Stage;
  readonly readiness: StageReadiness;
}
export interface CalibrationReport {
  readonly workflow: string;
  readonly status: CalibrationStatus;
}
export interface SignOffRequest {
  readonly stage: Stage;
  readonly user: string;
  readonly role: Role;
  readonly comment: string;
}
export interface ReopenRequest {
  readonly stage: Stage;
  readonly user: string;
  readonly role: Role;
  readonly reason: string;
}
/** A shifter's request to run a stage's failed comparisons again (after the cause was fixed). */
export interface RetryComparisonsRequest {
  readonly stage: Stage;
  readonly user: string;
  readonly role: Role;
  readonly reason: string;
}
/** How a retry ended: the stage's status after it, the retry's number, and the error when it failed again. */
export interface RetryComparisonsResult {
  readonly stage: Stage;
  readonly retry: number;
  /** "signed-off": the retry succeeded and the configuration's automatic sign-off signed the stage. */
  readonly status: "awaiting-signoff" | "signed-off" | "comparison-failed";
  readonly error: string | null;
  readonly referenceRun: number | null;
}
export interface ReprocessingRequest {
  readonly campaign: string;
  readonly dataset: string;
}

export const dataAvailableSignal = defineSignal<[DataAvailable]>("dataAvailable");
export const runMetadataSignal = defineSignal<[RunMetadata]>("runMetadata");
export const flagsChangedSignal = defineSignal<[FlagsChanged]>("flagsChanged");
export const calibrationStatusSignal = defineSignal<[CalibrationReport]>("calibrationStatus");
export const requestReprocessingSignal = defineSignal<[ReprocessingRequest]>("requestReprocessing");
export const signOffUpdate = defineUpdate<{ stage: Stage; runState: RunState }, [SignOffRequest]>("signOff");
export const reopenUpdate = defineUpdate<{ stage: Stage; runState: RunState }, [ReopenRequest]>("reopen");
export const retryComparisonsUpdate = defineUpdate<RetryComparisonsResult, [RetryComparisonsRequest]>("retryComparisons");
export const certificationQuery = defineQuery<CertificationView>("certification");
