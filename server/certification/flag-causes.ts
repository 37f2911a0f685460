/**
 * Standard causes per component (issue 14, item 1): the pick list of the flag forms, kept by
 * experts. An entry's text never changes: a rename adds a new entry and retires the old one
 * (pointing at its replacement), so flags written with the old text keep it. Every change is a
 * `cert_audit` row written in the same transaction, keyed by the caller's request id, so a
 * repeated request changes nothing twice. Causes belong to no run: their audit rows carry run 0.
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import type { FlagCauseRow } from "../../db/tables/flag-cause.table";
import { auditKey, recordAudit } from "./audit.repository";
import { defaultCertificationConfig } from "./certification-config";
import { CertificationRuleError, NotFoundError } from "./errors";
import { MAX_CAUSE_CHARS, MIN_CAUSE_CHARS, OTHER_CAUSE_PREFIX } from "./flag-cause-text";

export { flagComment, MAX_CAUSE_CHARS, MIN_CAUSE_CHARS, OTHER_CAUSE_PREFIX } from "./flag-cause-text";

/** The audit rows of cause changes name no run. */
export const CAUSE_AUDIT_RUN = 0;

export interface FlagCause {
  readonly id: number;
  readonly component: string;
  readonly cause: string;
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly retiredBy: string | null;
  readonly retiredAt: Date | null;
  readonly replacedBy: number | null;
}

function toCause(r: FlagCauseRow): FlagCause {
  return { id: r.id, component: r.component, cause: r.cause, active: r.active, createdBy: r.created_by, createdAt: r.created_at, retiredBy: r.retired_by, retiredAt: r.retired_at, replacedBy: r.replaced_by };
}

/** Every cause, active ones first, per component in configuration order. */
export async function listCauses(db: Db, opts: { includeRetired?: boolean } = {}): Promise<{ components: readonly string[]; causes: FlagCause[] }> {
  let q = db.selectFrom("flag_cause").selectAll();
  if (!opts.includeRetired) q = q.where("active", "=", true);
  const rows = await q.orderBy("component").orderBy("active", "desc").orderBy("cause").execute();
  return { components: knownComponents(), causes: rows.map(toCause) };
}

function knownComponents(): readonly string[] {
  return defaultCertificationConfig.components;
}

function cleanText(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  if (t.length < MIN_CAUSE_CHARS || t.length > MAX_CAUSE_CHARS) throw new CertificationRuleError(`cause: a cause has ${MIN_CAUSE_CHARS} to ${MAX_CAUSE_CHARS} characters ('${t.slice(0, 40)}' has ${t.length})`);
  if (t.toLowerCase().startsWith(OTHER_CAUSE_PREFIX.trim())) throw new CertificationRuleError(`cause: '${OTHER_CAUSE_PREFIX.trim()}' is the form's free-text choice; name the cause itself`);
  return t;
}

async function activeTwin(db: Db, component: string, cause: string) {
  return db.selectFrom("flag_cause").select("id").where("component", "=", component).where("active", "=", true).where(sql<string>`lower(cause)`, "=", cause.toLowerCase()).executeTakeFirst();
}

/**
 * Runs one audited change once per request id: the change and its audit row commit together; a
 * repeated request returns the first one's result without writing.
 */
async function auditedChange<T>(db: Db, requestId: string, work: (trx: Db, key: string) => Promise<T>, replay: (after: unknown) => T): Promise<T & { repeated: boolean }> {
  const key = auditKey("api", "cause", requestId);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
    const earlier = await trx.selectFrom("cert_audit").select("after").where("idempotency_key", "=", key).executeTakeFirst();
    if (earlier) return { ...replay(earlier.after), repeated: true };
    return { ...(await work(trx, key)), repeated: false };
  });
}

export interface CauseActor {
  readonly user: string;
}

/** Adds a cause to a component's list. */
export async function addCause(db: Db, who: CauseActor, input: { component: string; cause: string; requestId: string }) {
  const components = knownComponents();
  if (!components.includes(input.component)) throw new CertificationRuleError(`component: unknown component '${input.component}'; known: ${components.join(", ")}`);
  const cause = cleanText(input.cause);
  return auditedChange(
    db,
    input.requestId,
    async (trx, key) => {
      const twin = await activeTwin(trx, input.component, cause);
      if (twin) throw new CertificationRuleError(`cause: ${input.component} already has the cause '${cause}' (entry ${twin.id})`);
      const row = await trx.insertInto("flag_cause").values({ component: input.component, cause, created_by: who.user }).returningAll().executeTakeFirstOrThrow();
      await recordAudit(trx, { key, runNumber: CAUSE_AUDIT_RUN, kind: "cause-add", actor: who.user, after: { id: row.id, component: row.component, cause: row.cause }, reason: `${row.component}: added '${row.cause}'` });
      return { id: row.id };
    },
    (after) => ({ id: (after as { id: number }).id }),
  );
}

async function activeEntry(trx: Db, id: number) {
  const row = await trx.selectFrom("flag_cause").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError(`id: there is no cause entry ${id}`);
  if (!row.active) throw new CertificationRuleError(`id: '${row.cause}' (${row.component}, entry ${id}) was retired by ${row.retired_by ?? "someone"}${row.replaced_by ? ` and replaced by entry ${row.replaced_by}` : ""}; it cannot change any more`);
  return row;
}

/** Renames a cause: a new entry with the new text, the old one retired and pointing at it. */
export async function renameCause(db: Db, who: CauseActor, input: { id: number; cause: string; requestId: string }) {
  const cause = cleanText(input.cause);
  return auditedChange(
    db,
    input.requestId,
    async (trx, key) => {
      const old = await activeEntry(trx, input.id);
      if (old.cause === cause) throw new CertificationRuleError(`cause: the new text is the same as the old one ('${cause}')`);
      const twin = await activeTwin(trx, old.component, cause);
      if (twin && twin.id !== old.id) throw new CertificationRuleError(`cause: ${old.component} already has the cause '${cause}' (entry ${twin.id}); retire '${old.cause}' instead`);
      // The old entry leaves the active list first, so a change of case alone is allowed by the unique index.
      const now = new Date();
      await trx.updateTable("flag_cause").set({ active: false, retired_by: who.user, retired_at: now }).where("id", "=", old.id).execute();
      const row = await trx.insertInto("flag_cause").values({ component: old.component, cause, created_by: who.user, created_at: now }).returningAll().executeTakeFirstOrThrow();
      await trx.updateTable("flag_cause").set({ replaced_by: row.id }).where("id", "=", old.id).execute();
      await recordAudit(trx, { key, runNumber: CAUSE_AUDIT_RUN, kind: "cause-rename", actor: who.user, before: { id: old.id, component: old.component, cause: old.cause }, after: { id: row.id, component: row.component, cause: row.cause }, reason: `${old.component}: '${old.cause}' renamed to '${row.cause}'` });
      return { id: row.id, retired: old.id };
    },
    (after) => ({ id: (after as { id: number }).id, retired: input.id }),
  );
}

/** Retires a cause: the pick lists stop offering it; flags written with it keep their text. */
export async function retireCause(db: Db, who: CauseActor, input: { id: number; requestId: string }) {
  return auditedChange(
    db,
    input.requestId,
    async (trx, key) => {
      const old = await activeEntry(trx, input.id);
      await trx.updateTable("flag_cause").set({ active: false, retired_by: who.user, retired_at: new Date() }).where("id", "=", old.id).execute();
      await recordAudit(trx, { key, runNumber: CAUSE_AUDIT_RUN, kind: "cause-retire", actor: who.user, before: { id: old.id, component: old.component, cause: old.cause }, after: { id: old.id, active: false }, reason: `${old.component}: retired '${old.cause}'` });
      return { id: old.id };
    },
    (after) => ({ id: (after as { id: number }).id }),
  );
}

/** The audit rows of cause changes, newest first. */
export async function causeHistory(db: Db, limit = 50) {
  const rows = await db.selectFrom("cert_audit").select(["id", "kind", "actor", "reason", "at"]).where("run_number", "=", CAUSE_AUDIT_RUN).where("kind", "in", ["cause-add", "cause-rename", "cause-retire"]).orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, actor: r.actor, what: r.reason, at: r.at }));
}
