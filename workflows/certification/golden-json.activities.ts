/** Activities of the golden-JSON workflow: select datasets, evaluate a chunk, store the result once. */
import { Context } from "@temporalio/activity";
import type { Db } from "../../db/pool";
import { checkRule, computeGoldenJson, type GoldenJsonResult } from "../../server/certification/golden-json/evaluate";
import { datasetFacts, type GoldenQuery, selectDatasets, storeGoldenJson } from "../../server/certification/golden-json/golden-json.repository";

export function createGoldenJsonActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    async goldenJsonPlan(query: GoldenQuery): Promise<{ runNumber: number; dataset: string }[]> {
      return selectDatasets(db, query);
    },
    async goldenJsonChunk(input: { logic: unknown; items: { runNumber: number; dataset: string }[] }): Promise<GoldenJsonResult> {
      const logic = checkRule(input.logic);
      const facts = [];
      for (const item of input.items) {
        Context.current().heartbeat(item.runNumber);
        facts.push(await datasetFacts(db, item.runNumber, item.dataset));
      }
      return computeGoldenJson(logic, facts);
    },
    async goldenJsonStore(input: { ruleName: string; ruleVersion: number; query: GoldenQuery; result: GoldenJsonResult; tag: string | null; user: string }): Promise<number> {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? "unknown";
      return storeGoldenJson(db, { ...input, workflowId });
    },
  };
}

export type GoldenJsonActivities = ReturnType<typeof createGoldenJsonActivities>;
