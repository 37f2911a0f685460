/** Writes and reads the audit trail. A row's idempotency key makes every write exactly-once. */
import type { Db } from "../../db/pool";

export interface AuditEntry {
  /** Unique: derived from workflow id and step (or a request id for API edits). */
  readonly key: string;
  readonly runNumber: number;
  readonly kind: string;
  readonly actor: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string;
  readonly workflowId?: string | null;
  readonly workflowRunId?: string | null;
  readonly activityId?: string | null;
}

/** The idempotency key of a workflow's step: stable across retries, worker restarts and replays. */
export function auditKey(workflowId: string, ...step: (string | number)[]): string {
  return [workflowId, ...step].join("/");
}

/** Inserts the row unless its key is already there; returns whether this call wrote it. */
export async function recordAudit(db: Db, e: AuditEntry): Promise<boolean> {
  const res = await db
    .insertInto("cert_audit")
    .values({
      idempotency_key: e.key,
      run_number: e.runNumber,
      kind: e.kind,
      actor: e.actor,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? "",
      workflow_id: e.workflowId ?? null,
      workflow_run_id: e.workflowRunId ?? null,
      activity_id: e.activityId ?? null,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function auditTrail(db: Db, runNumber: number) {
  return db.selectFrom("cert_audit").selectAll().where("run_number", "=", runNumber).orderBy("id").execute();
}
