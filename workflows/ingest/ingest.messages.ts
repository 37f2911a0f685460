/**
 * Names of the ingest workflows, for server code and the CLI (which must not import a file that
 * calls proxyActivities): workflow types, business ids, the schedule's id.
 */
export const ingestFileWorkflowType = "ingestFileWorkflow";
export const ingestOmsWorkflowType = "ingestOmsWorkflow";
export const scanWatchedFoldersWorkflowType = "scanWatchedFoldersWorkflow";

/** The Temporal Schedule that scans the watched folders. */
export const INGEST_SCHEDULE_ID = "dqmflow-ingest-scan";

/** One id per file content: `ingest-<run>-<dataset>[-<subsystem>]-v<version>-<sha256 prefix>`. */
export function ingestWorkflowId(f: { run: number; dataset: string; scope: string; version: number; checksum: string }): string {
  return `ingest-${f.run}-${f.dataset}${f.scope ? `-${f.scope}` : ""}-v${f.version}-${f.checksum.slice(0, 16)}`;
}

export function ingestOmsWorkflowId(checksum: string): string {
  return `ingest-oms-${checksum.slice(0, 16)}`;
}
