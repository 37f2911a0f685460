/**
 * Ingest of one DQM ROOT file: read the selected MEs, compute the metrics, write points,
 * histograms, quality reports and bookkeeping in one transaction. The one path for this job:
 * the `ingest-file` workflow's activity and the CLI's `--local` mode both call it.
 */
import { stat } from "node:fs/promises";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import type { MetricCatalog } from "../metrics/index";
import { parseDatasetName } from "./dataset-name";
import { IngestInputError } from "./ingest-errors";
import { ingestHistogramSet, type HistogramSetReport } from "./ingest-histograms";
import type { MeSelection } from "./me-selection";
import { readDqmFile } from "./read-dqm-file";
import { recordIngestFailure } from "./write-ingest";
import { fileChecksum } from "./checksum";
import { parseDqmFileName } from "../histograms/dqm-file-name";

export interface DqmFileReport extends HistogramSetReport {
  readonly path: string;
  readonly run: number;
  readonly dataset: string;
  readonly stage: Stage;
  readonly version: number;
  readonly histograms: number;
  readonly qualityReports: number;
}

export interface DqmFileIngestOptions {
  readonly selection: MeSelection;
  readonly referenceRun?: number;
  /** The workflow doing the ingest, kept in the bookkeeping. */
  readonly workflowId?: string;
}

/** Reads, computes and writes; an input problem is recorded as a failed file and rethrown. */
export async function ingestDqmFile(db: Db, catalog: MetricCatalog, path: string, opts: DqmFileIngestOptions): Promise<DqmFileReport> {
  try {
    const file = await readDqmFile(path, opts.selection);
    const { name } = file;
    const source = { path, kind: "dqm-root" as const, checksum: file.checksum, sizeBytes: file.sizeBytes, version: name.version, scope: name.scope, ...(opts.workflowId ? { workflowId: opts.workflowId } : {}) };
    // A file may come before OMS announces its run: the run starts, provisionally, when the file was written.
    const provisionalRunStart = (await stat(path)).mtime;
    const r = await ingestHistogramSet(db, catalog, {
      source,
      run: name.run,
      dataset: name.dataset,
      mes: file.mes,
      qualityReports: file.qualityReports,
      provisionalRunStart,
      ...(opts.referenceRun !== undefined ? { referenceRun: opts.referenceRun } : {}),
    });
    return { ...r, path, run: name.run, dataset: name.dataset, stage: parseDatasetName(name.dataset).stage, version: name.version, histograms: file.mes.size, qualityReports: file.qualityReports.length };
  } catch (err) {
    if (err instanceof IngestInputError) await recordFailure(db, path, err.message, opts.workflowId);
    throw err;
  }
}

async function recordFailure(db: Db, path: string, message: string, workflowId: string | undefined): Promise<void> {
  const sum = await fileChecksum(path).catch(() => ({ checksum: "", sizeBytes: 0 }));
  let run: number | null = null;
  let dataset: string | null = null;
  let version: number | null = null;
  let scope = "";
  try {
    ({ run, dataset, version, scope } = parseDqmFileName(path));
  } catch {
    // The name itself was the problem; the failure is recorded without run and dataset.
  }
  await recordIngestFailure(db, { path, kind: "dqm-root", ...sum, version, scope, ...(workflowId ? { workflowId } : {}) }, message, run, dataset);
}
