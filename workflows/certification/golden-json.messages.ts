/** The messages of the golden-JSON workflow, for server code (which never imports the workflow file itself). */
import { defineQuery } from "@temporalio/workflow";
import type { GoldenQuery } from "../../server/certification/golden-json/golden-json.repository";

export const goldenJsonWorkflowType = "goldenJsonWorkflow";

export interface GoldenJsonInput {
  readonly ruleName: string;
  readonly ruleVersion: number;
  readonly logic: unknown;
  readonly query: GoldenQuery;
  readonly tag: string | null;
  readonly user: string;
  readonly chunkSize: number;
}

export interface GoldenJsonProgress {
  readonly phase: "planning" | "evaluating" | "storing" | "done";
  readonly datasetsDone: number;
  readonly datasetsTotal: number;
}

export const goldenJsonProgressQuery = defineQuery<GoldenJsonProgress>("progress");

export function goldenJsonWorkflowId(requestId: string): string {
  return `golden-json-${requestId}`;
}
