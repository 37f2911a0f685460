/**
 * Ingest tells certification what it has stored: a stage's data (`dataAvailable`), or a run's
 * OMS metadata (`runMetadata`). Each is a signal-with-start of `certify-run-<run>`, so a run
 * whose DQM file comes before OMS still gets its workflow (started `metadataPending`, its class
 * filled in when the metadata arrives). Reprocessing datasets ask for their campaign.
 */
import type { Client } from "@temporalio/client";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import {
  CertStatusKey,
  type CertifyRunInput,
  certifyRunWorkflowId,
  certifyRunWorkflowType,
  dataAvailableSignal,
  RunClassKey,
  RunNumberKey,
  runMetadataSignal,
  StageKey,
} from "../../workflows/certification/certify-run.messages";
import type { certifyRunWorkflow } from "../../workflows/certification/certify-run.workflow";
import type { CertificationConfig } from "./certification-config";
import { requestReprocessing } from "./certification.service";
import { parseDatasetName } from "../ingest/dataset-name";

export interface AnnounceDeps {
  readonly db: Db;
  readonly temporal: () => Promise<Client>;
  readonly taskQueue: string;
  /** The configuration a run's workflow starts with (read when it starts, then kept by it). */
  readonly certificationConfig: () => Promise<CertificationConfig>;
}

async function startInput(deps: AnnounceDeps, runNumber: number): Promise<CertifyRunInput> {
  const run = await deps.db.selectFrom("run").select(["run_class", "ls_count", "provisional"]).where("run_number", "=", runNumber).executeTakeFirst();
  const config = await deps.certificationConfig();
  if (!run || run.provisional) return { runNumber, runClass: run?.run_class ?? "Other", lsCount: 0, config, metadataPending: true };
  const lsCount =
    run.ls_count ??
    Number((await deps.db.selectFrom("lumisection").select((eb) => eb.fn.countAll<number>().as("n")).where("run_number", "=", runNumber).executeTakeFirst())?.n ?? 0);
  return { runNumber, runClass: run.run_class, lsCount, config };
}

function searchAttributes(input: CertifyRunInput) {
  return [
    { key: RunNumberKey, value: input.runNumber },
    { key: RunClassKey, value: input.runClass },
    { key: StageKey, value: "online" },
    { key: CertStatusKey, value: "starting" },
  ];
}

/** The stage's data of `dataset` are stored: wake (or start) the run's certification. */
export async function announceStageData(deps: AnnounceDeps, runNumber: number, dataset: string): Promise<{ workflowId: string; stage: Stage }> {
  const { stage, processingString } = parseDatasetName(dataset);
  if (stage === "reprocessing") {
    const { workflowId } = await requestReprocessing(deps, { runNumber, campaign: processingString, dataset }, await deps.certificationConfig());
    return { workflowId, stage };
  }
  const input = await startInput(deps, runNumber);
  const client = await deps.temporal();
  const workflowId = certifyRunWorkflowId(runNumber);
  await client.workflow.signalWithStart<typeof certifyRunWorkflow, [{ stage: Stage; dataset: string }]>(certifyRunWorkflowType, {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [input],
    signal: dataAvailableSignal,
    signalArgs: [{ stage, dataset }],
    typedSearchAttributes: searchAttributes(input),
  });
  return { workflowId, stage };
}

/** OMS metadata of the run is stored: start its certification, or complete a provisional one. */
export async function announceRunMetadata(deps: AnnounceDeps, runNumber: number): Promise<{ workflowId: string }> {
  const input = await startInput(deps, runNumber);
  const client = await deps.temporal();
  const workflowId = certifyRunWorkflowId(runNumber);
  await client.workflow.signalWithStart<typeof certifyRunWorkflow, [{ runClass: string; lsCount: number }]>(certifyRunWorkflowType, {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [input],
    signal: runMetadataSignal,
    signalArgs: [{ runClass: input.runClass, lsCount: input.lsCount }],
    typedSearchAttributes: searchAttributes(input),
  });
  return { workflowId };
}
