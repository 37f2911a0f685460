/**
 * RR's json_portal on dqmflow's golden-JSON workflow: `generate` stores the json-logic (its
 * variables renamed to dqmflow's, vocabulary.ts) as a new version of the `run-registry-api`
 * rule set and starts the workflow over the datasets whose name is SIMILAR TO the pattern;
 * `json` answers RR's polling: 203 queued, 202 {progress}, 200 {final_json}.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import { createRuleVersion, getGoldenJson, type GoldenQuery } from "../certification/golden-json/golden-json.repository";
import { goldenJsonProgress } from "../certification/golden-json/golden-json.service";
import { NotFoundError } from "../certification/errors";
import type { CertificationDeps } from "../certification/certification.service";
import { type GoldenJsonInput, goldenJsonWorkflowId, goldenJsonWorkflowType } from "../../workflows/certification/golden-json.messages";
import type { goldenJsonWorkflow } from "../../workflows/certification/golden-json.workflow";
import { RrError } from "./errors";
import { goldenLogicFromRr } from "./vocabulary";

/** The rule set every json_portal request becomes a version of (so each is kept and reproducible). */
export const RR_RULE_SET = "run-registry-api";

export interface JsonPortalRequest {
  readonly logic: unknown;
  readonly pattern: string;
  readonly tag: string | null;
}

export function parseGenerate(body: unknown): JsonPortalRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  let logic: unknown = b.json_logic;
  if (typeof logic === "string") {
    try {
      logic = JSON.parse(logic);
    } catch {
      throw new RrError("JSON logic sent is not in json format");
    }
  }
  if (logic === undefined || logic === null || logic === "" || (typeof logic === "object" && Object.keys(logic).length === 0)) throw new RrError("Empty json logic sent");
  if (typeof logic !== "object" || Array.isArray(logic)) throw new RrError("JSON logic sent is not in json format");
  const pattern = b.dataset_name_filter;
  if (typeof pattern !== "string" || pattern.trim() === "") throw new RrError("No dataset name specified");
  if (pattern.length > 1000) throw new RrError("dataset_name_filter is longer than 1000 characters");
  const tags = b.tags;
  return { logic, pattern, tag: typeof tags === "string" && tags ? tags : null };
}

async function matchingDatasets(db: Db, pattern: string): Promise<number> {
  try {
    const row = await db.selectFrom("dataset").select(sql<number>`count(*)`.as("n")).where(sql<boolean>`name similar to ${pattern}`).executeTakeFirstOrThrow();
    return Number(row.n);
  } catch (err) {
    throw new RrError(`dataset_name_filter is not a SIMILAR TO pattern: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function generateJson(deps: CertificationDeps, user: string, body: unknown) {
  const req = parseGenerate(body);
  if ((await matchingDatasets(deps.db, req.pattern)) === 0) throw new RrError("No datasets matched that dataset name");
  const logic = goldenLogicFromRr(req.logic);
  const rule = await createRuleVersion(deps.db, { name: RR_RULE_SET, logic, datasetPattern: "%", user });
  const id = randomUUID();
  const query: GoldenQuery = { datasetPattern: "%", datasetSimilarTo: req.pattern };
  const input: GoldenJsonInput = { ruleName: rule.name, ruleVersion: rule.version, logic, query, tag: req.tag, user, chunkSize: 50 };
  await (await deps.temporal()).workflow.start<typeof goldenJsonWorkflow>(goldenJsonWorkflowType, { workflowId: goldenJsonWorkflowId(id), taskQueue: deps.taskQueue, args: [input] });
  return { id, name: "json_creation", data: { json_logic: req.logic, dataset_name_filter: req.pattern, created_by: user, rule: `${rule.name} v${rule.version}` } };
}

export type PollAnswer = { status: 200; body: { final_json: Record<string, unknown> } } | { status: 202; body: { progress: number } } | { status: 203 };

function lsCount(golden: Record<string, [number, number][]>): number {
  return Object.values(golden).reduce((n, ranges) => n + ranges.reduce((m, [a, b]) => m + b - a + 1, 0), 0);
}

/** The stored golden JSON in RR's GeneratedJson shape. */
export async function rrGeneratedJson(db: Db, requestId: string, goldenJsonId: number) {
  const g = await getGoldenJson(db, goldenJsonId);
  const rule = await db.selectFrom("golden_rule").select(["logic"]).where("name", "=", g.rule_name).where("version", "=", g.rule_version).executeTakeFirst();
  const query = g.query as GoldenQuery;
  const runs = Object.keys(g.golden).map(Number);
  return {
    id: requestId,
    golden_json_id: g.id,
    dataset_name_filter: query.datasetSimilarTo ?? query.datasetPattern,
    tags: g.tag,
    created_by: g.created_by,
    official: g.official,
    runregistry_version: "dqmflow",
    json_logic: rule?.logic ?? null,
    generated_json: g.golden,
    generated_anti_json: g.anti_golden,
    min_run_number: runs.length ? Math.min(...runs) : null,
    max_run_number: runs.length ? Math.max(...runs) : null,
    lumisections_in_json: lsCount(g.golden),
    total_recorded_luminosity: g.lumi_kept + g.lumi_lost,
    recorded_luminosity_in_json: g.lumi_kept,
    total_recorded_luminosity_lost: g.lumi_lost,
    rules_flagged_false_quantity_luminosity: Object.fromEntries(g.loss_by_rule.map((l) => [l.rule, l.lumi])),
    rules_flagged_false_combination_luminosity: Object.fromEntries(g.loss_by_rule.map((l) => [l.rule, l.exclusiveLumi])),
    deleted: false,
    createdAt: g.created_at.toISOString(),
  };
}

export async function pollJson(deps: CertificationDeps, body: unknown): Promise<PollAnswer> {
  const id = (body as Record<string, unknown> | null)?.id_json;
  if (typeof id !== "string" || !/^[\w-]{1,100}$/.test(id)) throw new RrError("id_json must be the id that json_portal/generate returned");
  let p: Awaited<ReturnType<typeof goldenJsonProgress>>;
  try {
    p = await goldenJsonProgress(deps.temporal, id);
  } catch (err) {
    if (err instanceof NotFoundError) throw new RrError(`No JSON generation with id ${id}`);
    throw err;
  }
  if (p.status === "COMPLETED" && p.goldenJsonId !== null) return { status: 200, body: { final_json: await rrGeneratedJson(deps.db, id, p.goldenJsonId) } };
  if (p.status !== "RUNNING") throw new RrError(`JSON generation ${id} ended ${p.status}`);
  if (p.phase === "planning") return { status: 203 };
  return { status: 202, body: { progress: p.datasetsTotal ? p.datasetsDone / p.datasetsTotal : 1 } };
}
