/** Starting golden-JSON computations on Temporal and following them. */
import type { Client } from "@temporalio/client";
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/common";
import type { Db } from "../../../db/pool";
import { goldenJsonProgressQuery, goldenJsonWorkflowId, goldenJsonWorkflowType, type GoldenJsonInput } from "../../../workflows/certification/golden-json.messages";
import type { goldenJsonWorkflow } from "../../../workflows/certification/golden-json.workflow";
import { NotFoundError } from "../errors";
import { getRule, type GoldenQuery } from "./golden-json.repository";

export interface GoldenJsonRequest {
  readonly ruleName: string;
  readonly ruleVersion?: number;
  /** Overrides the rule's own dataset pattern (LIKE syntax: % and _). */
  readonly datasetPattern?: string;
  readonly runFrom?: number;
  readonly runTo?: number;
  readonly tag?: string;
  /** The client's id for this computation: asking twice starts one workflow. */
  readonly requestId: string;
}

export async function startGoldenJson(deps: { db: Db; temporal: () => Promise<Client>; taskQueue: string }, user: string, req: GoldenJsonRequest) {
  const rule = await getRule(deps.db, req.ruleName, req.ruleVersion);
  const query: GoldenQuery = { datasetPattern: req.datasetPattern ?? rule.dataset_pattern, ...(req.runFrom !== undefined ? { runFrom: req.runFrom } : {}), ...(req.runTo !== undefined ? { runTo: req.runTo } : {}) };
  const input: GoldenJsonInput = { ruleName: rule.name, ruleVersion: rule.version, logic: rule.logic, query, tag: req.tag ?? null, user, chunkSize: 50 };
  const workflowId = goldenJsonWorkflowId(req.requestId);
  try {
    await (await deps.temporal()).workflow.start<typeof goldenJsonWorkflow>(goldenJsonWorkflowType, { workflowId, taskQueue: deps.taskQueue, args: [input] });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return { workflowId, ruleName: rule.name, ruleVersion: rule.version, query };
}

export async function goldenJsonProgress(temporal: () => Promise<Client>, requestId: string) {
  const handle = (await temporal()).workflow.getHandle(goldenJsonWorkflowId(requestId));
  try {
    const [progress, desc] = await Promise.all([handle.query(goldenJsonProgressQuery), handle.describe()]);
    const result = desc.status.name === "COMPLETED" ? ((await handle.result()) as { id: number }) : null;
    return { ...progress, status: desc.status.name, goldenJsonId: result?.id ?? null };
  } catch (err) {
    if (err instanceof Error && err.name === "WorkflowNotFoundError") throw new NotFoundError(`no golden-JSON computation '${requestId}'`);
    throw err;
  }
}
