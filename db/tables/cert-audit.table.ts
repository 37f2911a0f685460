import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/**
 * The certification audit trail: every transition, automatic flag, sign-off, edit and
 * notification. `idempotency_key` (workflow id and step, or a request id) is unique, so a
 * retried activity or a restarted worker never writes a row twice.
 */
export interface CertAuditTable {
  id: Generated<number>;
  idempotency_key: string;
  run_number: number;
  kind: string;
  actor: string;
  at: ColumnType<Date, Date | undefined, never>;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  reason: string;
  workflow_id: string | null;
  workflow_run_id: string | null;
  activity_id: string | null;
}

export type CertAudit = Selectable<CertAuditTable>;
export type NewCertAudit = Insertable<CertAuditTable>;
