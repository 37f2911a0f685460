/**
 * What a run certified through online, express and prompt with automatic sign-off leaves behind
 * when every step happened exactly once: its audit keys, one automatic flag per component and
 * stage, one comparison result per ME, test and stage. The fault tests compare a faulted run's
 * rows with these.
 */
import type { Db } from "../../../db/pool";
import { auditTrail } from "../../../server/certification/audit.repository";
import { certifyRunWorkflowId } from "../../certification/certify-run.messages";
import { stageDataset } from "../../certification/testing/cert-test-kit";

export const STAGES = ["online", "express", "prompt"] as const;

/** Audit keys of a run through the three stages, auto-signed-off, released by calibration readiness. */
export function expectedAuditKeys(runNumber: number): string[] {
  const wf = certifyRunWorkflowId(runNumber);
  const keys: string[] = [];
  STAGES.forEach((stage, i) => {
    const dataset = stageDataset(stage);
    keys.push(`${wf}/${stage}/start`, `${wf}/${stage}/data`, `${wf}/${stage}/${dataset}/autoflag/0`, `${wf}/${stage}/${dataset}/autoflag/1`, `${wf}/${stage}/awaiting-signoff`, `${wf}/${stage}/signoff/${i + 1}`, `${wf}/${stage}/completed`);
    if (stage === "express") keys.push(`${wf}/express/calibration/gate`, `${wf}/express/calibration/released`, `${wf}/notify/prompt-reco`);
  });
  return keys.sort();
}

/** Every audit key of the run, sorted (a duplicate would show twice). */
export async function auditKeys(db: Db, runNumber: number): Promise<string[]> {
  return (await auditTrail(db, runNumber)).map((a) => a.idempotency_key).sort();
}

/** Flags and comparison results of the run, as (dataset, component) and (dataset, ME, test) rows. */
export async function certRows(db: Db, runNumber: number) {
  const flags = await db.selectFrom("cert_flag").select(["dataset_name", "component", "origin_name"]).where("run_number", "=", runNumber).orderBy("dataset_name").orderBy("component").execute();
  const comparisons = await db.selectFrom("cert_comparison").select(["dataset_name", "me_path", "test", "status"]).where("run_number", "=", runNumber).orderBy("dataset_name").orderBy("me_path").execute();
  return { flags, comparisons };
}

/** Forgets a test run's certification rows (and ends its workflow if it still runs). */
export async function forgetCertification(db: Db, runNumbers: readonly number[]): Promise<void> {
  for (const table of ["cert_audit", "cert_flag", "cert_comparison", "cert_dataset", "cert_run", "cert_calibration", "cert_notification"] as const) {
    await db.deleteFrom(table).where("run_number", "in", runNumbers).execute();
  }
}
