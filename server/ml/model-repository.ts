/** Versioned anomaly models in `ml_model`: each training of (ME, kind) adds the next version. */
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../db/database";
import type { AnomalyModel } from "./anomaly-model";
import { modelFromJson, modelToJson } from "./model-json";

export interface StoredModel {
  readonly id: number;
  readonly version: number;
  readonly model: AnomalyModel;
  readonly createdAt: Date;
}

/**
 * Stores a model as the next version of its (ME, kind). Idempotent per workflow id, so a retried
 * activity returns the version it already wrote instead of adding another.
 */
export async function insertModelVersion(db: Kysely<Database>, model: AnomalyModel, workflowId: string | null): Promise<{ id: number; version: number }> {
  const json = modelToJson(model);
  return db.transaction().execute(async (trx) => {
    if (workflowId) {
      const existing = await trx.selectFrom("ml_model").select(["id", "version"]).where("workflow_id", "=", workflowId).executeTakeFirst();
      if (existing) return existing;
    }
    // Serialises concurrent trainings of the same (ME, kind) so versions stay gap-free.
    await sql`select pg_advisory_xact_lock(hashtext(${`ml_model:${json.me}:${json.params.kind}`}))`.execute(trx);
    const last = await trx
      .selectFrom("ml_model")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("me_name", "=", json.me)
      .where("kind", "=", json.params.kind)
      .executeTakeFirst();
    return trx
      .insertInto("ml_model")
      .values({
        me_name: json.me,
        kind: json.params.kind,
        version: (last?.v ?? 0) + 1,
        model: json,
        training_set: json.trainingSet,
        params: json.params,
        validation: { ...json.validation, thresholds: json.thresholds },
        workflow_id: workflowId,
      })
      .returning(["id", "version"])
      .executeTakeFirstOrThrow();
  });
}

/** A stored version, or the latest one of the ME (of `kind` when given; newest first). */
export async function findModel(db: Kysely<Database>, me: string, opts: { kind?: string; version?: number } = {}): Promise<StoredModel | undefined> {
  let q = db.selectFrom("ml_model").select(["id", "version", "model", "created_at"]).where("me_name", "=", me);
  if (opts.kind) q = q.where("kind", "=", opts.kind);
  if (opts.version !== undefined) q = q.where("version", "=", opts.version);
  const row = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
  return row && { id: row.id, version: row.version, model: modelFromJson(row.model), createdAt: row.created_at };
}
