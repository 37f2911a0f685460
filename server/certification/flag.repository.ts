/** Stored flag versions of a (run, dataset), as the domain's FlagChange. */
import type { Db } from "../../db/pool";
import type { CertFlag } from "../../db/tables/certification.table";
import { recordAudit } from "./audit.repository";
import type { FlagChange, FlagInput, FlagStatus, OriginKind } from "./flags";

export function toFlagChange(r: CertFlag): FlagChange {
  return {
    id: r.id,
    component: r.component,
    firstLs: r.first_ls,
    lastLs: r.last_ls,
    status: r.status as FlagStatus,
    cause: r.cause,
    comment: r.comment,
    origin: { kind: r.origin_kind as OriginKind, name: r.origin_name },
    undoOf: r.undo_of,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export async function flagChanges(db: Db, runNumber: number, dataset: string): Promise<FlagChange[]> {
  const rows = await db.selectFrom("cert_flag").selectAll().where("run_number", "=", runNumber).where("dataset_name", "=", dataset).orderBy("id").execute();
  return rows.map(toFlagChange);
}

/** Inserts flag versions; with a key, a repeated call (a retried activity) inserts nothing. Returns the new ids. */
export async function insertFlags(db: Db, runNumber: number, dataset: string, flags: readonly FlagInput[], createdBy: string, keyPrefix: string | null, undoOf: number | null = null): Promise<number[]> {
  if (flags.length === 0) return [];
  const rows = await db
    .insertInto("cert_flag")
    .values(
      flags.map((f, i) => ({
        run_number: runNumber,
        dataset_name: dataset,
        component: f.component,
        first_ls: f.firstLs,
        last_ls: f.lastLs,
        status: f.status,
        cause: f.cause,
        comment: f.comment,
        origin_kind: f.origin.kind,
        origin_name: f.origin.name,
        undo_of: undoOf,
        created_by: createdBy,
        idempotency_key: keyPrefix === null ? null : `${keyPrefix}/${i}`,
      })),
    )
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * A person's flag version and its `flag-edit` audit row, in the caller's transaction: the one
 * write path of the run page's flag form and of bulk flagging. Returns the new id, or null when
 * `key` was written before (a repeated request).
 */
export async function writePersonFlag(trx: Db, runNumber: number, dataset: string, flag: FlagInput, createdBy: string, key: string): Promise<number | null> {
  const before = (await flagChanges(trx, runNumber, dataset)).filter((c) => c.component === flag.component && c.lastLs >= flag.firstLs && c.firstLs <= flag.lastLs);
  const inserted = await insertFlags(trx, runNumber, dataset, [flag], createdBy, key);
  if (inserted.length) await recordAudit(trx, { key, runNumber, kind: "flag-edit", actor: createdBy, before: before.map((c) => ({ id: c.id, status: c.status, firstLs: c.firstLs, lastLs: c.lastLs })), after: { id: inserted[0], ...flag }, reason: flag.comment });
  return inserted[0] ?? null;
}
