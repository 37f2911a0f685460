/** In-process ingest of one DQM ROOT file (the CLI's path; the workflow runs the same steps as activities). */
import type { Db } from "../../db/pool";
import type { MetricCatalog } from "../metrics/index";
import { IngestInputError } from "./ingest-errors";
import { ingestHistogramSet, type HistogramSetReport } from "./ingest-histograms";
import { readDqmFile } from "./read-dqm-file";
import { recordIngestFailure } from "./write-ingest";
import { fileChecksum } from "./checksum";
import { parseDqmFileName } from "../histograms/dqm-file-name";

export interface DqmFileReport extends HistogramSetReport {
  readonly path: string;
  readonly run: number;
  readonly dataset: string;
  readonly version: number;
}

/** Reads, computes and writes; an input problem is recorded as a failed file and rethrown. */
export async function ingestDqmFile(db: Db, catalog: MetricCatalog, path: string, opts: { referenceRun?: number } = {}): Promise<DqmFileReport> {
  try {
    const file = await readDqmFile(path, catalog.metrics);
    const source = { path, kind: "dqm-root" as const, checksum: file.checksum, sizeBytes: file.sizeBytes, version: file.version };
    const r = await ingestHistogramSet(db, catalog, { source, run: file.run, dataset: file.dataset, mes: file.mes, ...(opts.referenceRun !== undefined ? { referenceRun: opts.referenceRun } : {}) });
    return { ...r, path, run: file.run, dataset: file.dataset, version: file.version };
  } catch (err) {
    if (err instanceof IngestInputError) await recordFailure(db, path, err.message);
    throw err;
  }
}

async function recordFailure(db: Db, path: string, message: string): Promise<void> {
  const sum = await fileChecksum(path).catch(() => ({ checksum: "", sizeBytes: 0 }));
  let run: number | null = null;
  let dataset: string | null = null;
  let version: number | null = null;
  try {
    const n = parseDqmFileName(path);
    ({ run, dataset, version } = n);
  } catch {
    // The name itself was the problem; the failure is recorded without run and dataset.
  }
  await recordIngestFailure(db, { path, kind: "dqm-root", ...sum, version }, message, run, dataset);
}
