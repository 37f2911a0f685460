// Every workflow the worker registers. Workflow code only: no I/O, no Node built-ins.
export { pingWorkflow } from "./health/ping.workflow";
export { certifyRunWorkflow } from "./certification/certify-run.workflow";
export { certifyReprocessingWorkflow } from "./certification/certify-reprocessing.workflow";
export { ingestFileWorkflow } from "./ingest/ingest-file.workflow";
export { ingestOmsWorkflow } from "./ingest/ingest-oms.workflow";
export { scanWatchedFoldersWorkflow } from "./ingest/scan-watched-folders.workflow";
export { trainModelWorkflow } from "./ml/train-model.workflow";
export { goldenJsonWorkflow } from "./certification/golden-json.workflow";
