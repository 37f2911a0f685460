/** Trains an anomaly model for one monitor element and stores it as a new version. */
import { proxyActivities } from "@temporalio/workflow";
import type { createMlActivities, TrainModelInput, TrainModelResult } from "./ml.activities";

const { mlTrainModel } = proxyActivities<ReturnType<typeof createMlActivities>>({
  // Cross-validated training on a few thousand lumisections takes seconds; 15 min is generous
  // for large monitor elements on a busy worker.
  startToCloseTimeout: "15 minutes",
  // MlErrors arrive as non-retryable ApplicationFailures; only transient failures are retried.
  retry: { maximumAttempts: 3 },
});

export async function trainModelWorkflow(input: TrainModelInput): Promise<TrainModelResult> {
  return mlTrainModel(input);
}
