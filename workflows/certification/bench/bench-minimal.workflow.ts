/** The benchmark's baseline: the same number of activities as a certification, each doing nothing, in sequence. */
import { proxyActivities } from "@temporalio/workflow";
import type { BenchActivities } from "./bench.activities";

const { benchNoop } = proxyActivities<BenchActivities>({ startToCloseTimeout: "1 minute", retry: { maximumAttempts: 3 } });

export async function benchMinimalWorkflow(activities: number): Promise<number> {
  for (let i = 0; i < activities; i++) await benchNoop(i);
  return activities;
}
