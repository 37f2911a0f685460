/** Golden-JSON rules (versioned, lockable), the facts rules are evaluated on, and stored JSONs. */
import { sql } from "kysely";
import type { Db } from "../../../db/pool";
import { CertificationRuleError, NotFoundError } from "../errors";
import { flagChanges } from "../flag.repository";
import { effectiveFlags } from "../flags";
import { checkRule, type DatasetFacts, type GoldenJsonResult } from "./evaluate";

/** Which datasets a golden JSON is made from: a LIKE pattern on dataset names and an optional run range. */
export interface GoldenQuery {
  readonly datasetPattern: string;
  /** Also a SQL `SIMILAR TO` pattern, as Run Registry's json_portal takes (`/PromptReco/Collisions2018(A|B)/DQM`). */
  readonly datasetSimilarTo?: string;
  readonly runFrom?: number;
  readonly runTo?: number;
}

export async function createRuleVersion(db: Db, input: { name: string; logic: unknown; datasetPattern: string; user: string }) {
  checkRule(input.logic);
  return db.transaction().execute(async (trx) => {
    const latest = await trx.selectFrom("golden_rule").select(["version", "locked"]).where("name", "=", input.name).orderBy("version", "desc").forUpdate().executeTakeFirst();
    if (latest?.locked) throw new CertificationRuleError(`rule set '${input.name}' is locked at version ${latest.version}; an expert must unlock it before a new version`);
    const version = (latest?.version ?? 0) + 1;
    await trx.insertInto("golden_rule").values({ name: input.name, version, logic: JSON.stringify(input.logic), dataset_pattern: input.datasetPattern, created_by: input.user }).execute();
    return { name: input.name, version };
  });
}

export async function setRuleLocked(db: Db, name: string, locked: boolean) {
  const latest = await getRule(db, name);
  await db.updateTable("golden_rule").set({ locked }).where("name", "=", name).where("version", "=", latest.version).execute();
  return { name, version: latest.version, locked };
}

export async function getRule(db: Db, name: string, version?: number) {
  let q = db.selectFrom("golden_rule").selectAll().where("name", "=", name);
  q = version === undefined ? q.orderBy("version", "desc") : q.where("version", "=", version);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError(version === undefined ? `unknown golden-JSON rule '${name}'` : `rule '${name}' has no version ${version}`);
  return row;
}

export async function listRules(db: Db) {
  return db.selectFrom("golden_rule").selectAll().orderBy("name").orderBy("version", "desc").execute();
}

/** (run, dataset) pairs the query selects: per run, its newest dataset matching the pattern. */
export async function selectDatasets(db: Db, q: GoldenQuery): Promise<{ runNumber: number; dataset: string }[]> {
  let sel = db.selectFrom("dataset").select(["run_number", "name", "id"]).where("name", "like", q.datasetPattern);
  if (q.datasetSimilarTo !== undefined) sel = sel.where(sql<boolean>`name similar to ${q.datasetSimilarTo}`);
  if (q.runFrom !== undefined) sel = sel.where("run_number", ">=", q.runFrom);
  if (q.runTo !== undefined) sel = sel.where("run_number", "<=", q.runTo);
  const rows = await sel.orderBy("run_number").orderBy("id", "desc").execute();
  const out: { runNumber: number; dataset: string }[] = [];
  for (const r of rows) if (out[out.length - 1]?.runNumber !== r.run_number) out.push({ runNumber: r.run_number, dataset: r.name });
  return out;
}

/** The facts a rule reads for each lumisection: run.oms.*, dataset.*, lumisection.rr.<component>, lumisection.oms.* */
export async function datasetFacts(db: Db, runNumber: number, dataset: string): Promise<DatasetFacts> {
  const run = await db.selectFrom("run").selectAll().where("run_number", "=", runNumber).executeTakeFirst();
  if (!run) throw new NotFoundError(`unknown run ${runNumber}`);
  const ds = await db.selectFrom("dataset").selectAll().where("run_number", "=", runNumber).where("name", "=", dataset).executeTakeFirst();
  const lumis = await db.selectFrom("lumisection").selectAll().where("run_number", "=", runNumber).orderBy("ls_number").execute();
  const changes = await flagChanges(db, runNumber, dataset);
  const components = [...new Set(changes.map((c) => c.component))];
  const lsCount = Math.max(run.ls_count ?? 0, lumis.length);
  const status = new Map<string, string | null>();
  for (const r of effectiveFlags(changes, components, lsCount)) {
    for (let ls = r.firstLs; ls <= r.lastLs; ls++) status.set(`${r.component}:${ls}`, r.status === "UNKNOWN" ? null : r.status);
  }
  const runAttrs = {
    run_number: runNumber,
    run_class: run.run_class,
    oms: { energy: run.beam_energy, b_field: run.b_field, fill_number: run.fill_number, recorded_lumi: run.recorded_lumi, delivered_lumi: run.delivered_lumi, hlt_key: run.hlt_key, l1_key: run.l1_key, duration: run.duration_s, ls_count: run.ls_count },
  };
  const dsAttrs = { name: dataset, stage: ds?.stage ?? null, primary_dataset: ds?.primary_dataset ?? null, processing_string: ds?.processing_string ?? null };
  return {
    runNumber,
    dataset,
    lumisections: lumis.map((l) => ({
      ls: l.ls_number,
      recordedLumi: l.recorded_lumi ?? 0,
      attributes: {
        run: runAttrs,
        dataset: dsAttrs,
        lumisection: {
          ls_number: l.ls_number,
          rr: Object.fromEntries(components.map((c) => [c, status.get(`${c}:${l.ls_number}`) ?? null])),
          oms: { beam1_stable: l.beam1_stable, beam2_stable: l.beam2_stable, recorded_lumi: l.recorded_lumi, delivered_lumi: l.delivered_lumi, ...l.dcs },
        },
      },
    })),
  };
}

export interface StoreGoldenJson {
  readonly workflowId: string;
  readonly ruleName: string;
  readonly ruleVersion: number;
  readonly query: GoldenQuery;
  readonly result: GoldenJsonResult;
  readonly tag: string | null;
  readonly user: string;
}

/** Stores a computed JSON once per workflow (a retried activity finds the row already there). */
export async function storeGoldenJson(db: Db, s: StoreGoldenJson): Promise<number> {
  const existing = await db.selectFrom("golden_json").select("id").where("workflow_id", "=", s.workflowId).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto("golden_json")
    .values({
      rule_name: s.ruleName,
      rule_version: s.ruleVersion,
      dataset_pattern: s.query.datasetPattern,
      query: JSON.stringify(s.query),
      golden: JSON.stringify(s.result.golden),
      anti_golden: JSON.stringify(s.result.antiGolden),
      lumi_kept: s.result.lumiKept,
      lumi_lost: s.result.lumiLost,
      loss_by_rule: JSON.stringify(s.result.lossByRule),
      tag: s.tag,
      workflow_id: s.workflowId,
      created_by: s.user,
    })
    .onConflict((oc) => oc.column("workflow_id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (row) return row.id;
  return (await db.selectFrom("golden_json").select("id").where("workflow_id", "=", s.workflowId).executeTakeFirstOrThrow()).id;
}

export async function listGoldenJsons(db: Db, opts: { official?: boolean; limit: number }) {
  let q = db.selectFrom("golden_json").select(["id", "rule_name", "rule_version", "dataset_pattern", "tag", "official", "lumi_kept", "lumi_lost", "created_by", "created_at"]);
  if (opts.official !== undefined) q = q.where("official", "=", opts.official);
  return q.orderBy("id", "desc").limit(opts.limit).execute();
}

export async function getGoldenJson(db: Db, id: number) {
  const row = await db.selectFrom("golden_json").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no golden JSON ${id}`);
  return row;
}

export async function tagGoldenJson(db: Db, id: number, patch: { tag?: string | null; official?: boolean }) {
  await getGoldenJson(db, id);
  if (patch.tag) {
    const clash = await db.selectFrom("golden_json").select("id").where("tag", "=", patch.tag).where("id", "<>", id).executeTakeFirst();
    if (clash) throw new CertificationRuleError(`tag '${patch.tag}' is already on golden JSON ${clash.id}`);
  }
  await db.updateTable("golden_json").set(patch).where("id", "=", id).execute();
  return getGoldenJson(db, id);
}
