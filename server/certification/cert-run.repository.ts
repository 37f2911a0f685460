/** The board's view of each run's certification, written by the workflow's activities. */
import { defaultCertificationConfig } from "./certification-config";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import type { CalibrationStatus } from "./calibration";
import type { DatasetState, RunState } from "./states";

export interface CertRunStatus {
  readonly runNumber: number;
  readonly runClass: string;
  /** Absent for a reprocessing campaign's workflow, which does not own the run's state. */
  readonly state?: RunState;
  readonly stage: Stage;
  readonly certStatus: string;
  readonly workflowId: string;
  readonly lsCount: number;
  readonly lastError?: string | null;
  /** The certifiable components of the run's configuration. */
  readonly components?: readonly string[];
}

export async function upsertCertRun(db: Db, s: CertRunStatus): Promise<void> {
  const values = {
    run_number: s.runNumber,
    run_class: s.runClass,
    stage: s.stage,
    cert_status: s.certStatus,
    ls_count: s.lsCount,
    last_error: s.lastError ?? null,
    ...(s.components ? { components: [...s.components] } : {}),
  };
  await db
    .insertInto("cert_run")
    .values({ ...values, state: s.state ?? "COMPLETED", workflow_id: s.workflowId })
    .onConflict((oc) => oc.column("run_number").doUpdateSet({ ...values, ...(s.state ? { state: s.state, workflow_id: s.workflowId } : {}), updated_at: new Date() }))
    .execute();
}

export async function getCertRun(db: Db, runNumber: number) {
  return db.selectFrom("cert_run").selectAll().where("run_number", "=", runNumber).executeTakeFirst();
}

/** The components a run is certified on: its workflow's configuration's, kept on its board row. */
export function componentsOf(row: { components: string[] | null }): readonly string[] {
  return row.components ?? defaultCertificationConfig.components;
}

/** Workspaces of a dataset: "global" and one per subsystem named in the components (`tracker-pixel` → tracker). */
export function workspacesOf(components: readonly string[]): string[] {
  return ["global", ...new Set(components.map((c) => c.split("-")[0] ?? c))];
}

export async function setDatasetState(db: Db, runNumber: number, dataset: string, stage: Stage, workspaces: readonly string[], state: DatasetState): Promise<void> {
  if (workspaces.length === 0) return;
  await db
    .insertInto("cert_dataset")
    .values(workspaces.map((workspace) => ({ run_number: runNumber, dataset_name: dataset, stage, workspace, state })))
    .onConflict((oc) => oc.columns(["run_number", "dataset_name", "workspace"]).doUpdateSet({ state, updated_at: new Date() }))
    .execute();
}

export async function datasetStates(db: Db, runNumber: number) {
  return db.selectFrom("cert_dataset").selectAll().where("run_number", "=", runNumber).orderBy("stage").orderBy("dataset_name").orderBy("workspace").execute();
}

export async function setCalibrationStatus(db: Db, runNumber: number, workflow: string, status: CalibrationStatus): Promise<void> {
  await db
    .insertInto("cert_calibration")
    .values({ run_number: runNumber, workflow, status })
    .onConflict((oc) => oc.columns(["run_number", "workflow"]).doUpdateSet({ status, updated_at: new Date() }))
    .execute();
}

export async function calibrationOf(db: Db, runNumber: number) {
  return db.selectFrom("cert_calibration").select(["workflow", "status", "updated_at"]).where("run_number", "=", runNumber).orderBy("workflow").execute();
}

/** The reference run for a run class: an expert's choice, else the configured default. */
export async function referenceRunFor(db: Db, runClass: string, defaults: Readonly<Record<string, number>>): Promise<number | null> {
  const row = await db.selectFrom("cert_reference").select("reference_run").where("run_class", "=", runClass).executeTakeFirst();
  return row?.reference_run ?? defaults[runClass] ?? null;
}

export async function setReferenceRun(db: Db, runClass: string, referenceRun: number, user: string): Promise<void> {
  await db
    .insertInto("cert_reference")
    .values({ run_class: runClass, reference_run: referenceRun, updated_by: user })
    .onConflict((oc) => oc.column("run_class").doUpdateSet({ reference_run: referenceRun, updated_by: user, updated_at: new Date() }))
    .execute();
}
