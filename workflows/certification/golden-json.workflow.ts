/** `golden-json-<request>`: evaluates a rule version over the selected datasets chunk by chunk, with a progress query, and stores the result. */
import { proxyActivities, setHandler } from "@temporalio/workflow";
import type { GoldenJsonResult } from "../../server/certification/golden-json/evaluate";
import { emptyGoldenJson, mergeGoldenJson } from "../../server/certification/golden-json/merge";
import type { GoldenJsonActivities } from "./golden-json.activities";
import { goldenJsonProgressQuery, type GoldenJsonInput, type GoldenJsonProgress } from "./golden-json.messages";

const acts = proxyActivities<GoldenJsonActivities>({
  startToCloseTimeout: "5 minutes",
  heartbeatTimeout: "1 minute",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumAttempts: 5, nonRetryableErrorTypes: ["CertificationRuleError", "NotFoundError"] },
});

export async function goldenJsonWorkflow(input: GoldenJsonInput): Promise<{ id: number; result: GoldenJsonResult }> {
  let progress: GoldenJsonProgress = { phase: "planning", datasetsDone: 0, datasetsTotal: 0 };
  setHandler(goldenJsonProgressQuery, () => progress);
  const items = await acts.goldenJsonPlan(input.query);
  progress = { phase: "evaluating", datasetsDone: 0, datasetsTotal: items.length };
  let result = emptyGoldenJson();
  for (let i = 0; i < items.length; i += input.chunkSize) {
    const chunk = items.slice(i, i + input.chunkSize);
    result = mergeGoldenJson(result, await acts.goldenJsonChunk({ logic: input.logic, items: chunk }));
    progress = { ...progress, datasetsDone: i + chunk.length };
  }
  progress = { ...progress, phase: "storing" };
  const id = await acts.goldenJsonStore({ ruleName: input.ruleName, ruleVersion: input.ruleVersion, query: input.query, result, tag: input.tag, user: input.user });
  progress = { ...progress, phase: "done" };
  return { id, result };
}
