/**
 * `ingest-oms`: one OMS run-metadata file into the database, then each run OMS announced for the
 * first time starts (or completes) its certification.
 */
import { proxyActivities } from "@temporalio/workflow";
import type { IngestActivities } from "./activities";

const acts = proxyActivities<IngestActivities>({
  startToCloseTimeout: "5 minutes",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "1 minute", maximumAttempts: 10 },
});

export interface IngestOmsInput {
  readonly path: string;
  readonly certify?: boolean;
}

export interface IngestOmsOutput {
  readonly path: string;
  readonly runs: number;
  readonly lumisections: number;
  readonly certified: number[];
  readonly unchanged: boolean;
}

export async function ingestOmsWorkflow(input: IngestOmsInput): Promise<IngestOmsOutput> {
  const r = await acts.ingestOmsFile({ path: input.path });
  const certified: number[] = [];
  if (input.certify !== false) {
    for (const runNumber of r.announced) {
      await acts.announceRunMetadata({ runNumber });
      certified.push(runNumber);
    }
  }
  return { path: r.path, runs: r.runs.length, lumisections: r.lumisections, certified, unchanged: r.unchanged };
}
