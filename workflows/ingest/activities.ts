/**
 * Activities of the ingest workflows: thin wrappers over server/ingest. Input problems become
 * non-retryable ApplicationFailures (after the failure is written to the bookkeeping); anything
 * else is thrown as is and retried by the workflow's policy.
 */
import { ApplicationFailure } from "@temporalio/common";
import type { Db } from "../../db/pool";
import { decodeHistogram, encodeHistogram, type EncodedHistogram } from "../../server/ingest/histogram-codec";
import { computePoints, type ComputedMetric, type SkippedMetric } from "../../server/ingest/compute-points";
import { metricCatalog } from "../../server/ingest/catalog";
import { IngestInputError } from "../../server/ingest/ingest-errors";
import { readDqmFile } from "../../server/ingest/read-dqm-file";
import { loadReferenceHistograms } from "../../server/ingest/references";
import { planScan, type ScanPlan } from "../../server/ingest/scan";
import { recordIngestFailure, writeIngest, type IngestSource, type IngestWriteResult } from "../../server/ingest/write-ingest";
import { fileChecksum } from "../../server/ingest/checksum";
import type { Histogram } from "../../server/histograms/histogram";

export interface IngestActivityDeps {
  db: Db;
  /** Folder of the metric configs; config/metrics/ of the repository by default. */
  metricConfigDir?: string;
}

export interface ReadFileOutput {
  readonly source: IngestSource;
  readonly run: number;
  readonly dataset: string;
  readonly histograms: { readonly mePath: string; readonly histogram: EncodedHistogram }[];
}

export interface ComputeInput {
  readonly run: number;
  readonly dataset: string;
  readonly histograms: ReadFileOutput["histograms"];
  readonly referenceRun?: number;
}

export interface ComputeOutput {
  readonly points: ComputedMetric[];
  readonly skipped: SkippedMetric[];
}

function nonRetryable(err: IngestInputError): ApplicationFailure {
  return ApplicationFailure.create({ message: err.message, type: err.type, nonRetryable: true, cause: err });
}

export function createIngestActivities(deps: IngestActivityDeps) {
  const catalog = () => metricCatalog(deps.metricConfigDir);
  return {
    /** Reads the MEs the catalog needs; an unreadable file is recorded as failed and not retried. */
    async readDqmFile(input: { path: string; workflowId?: string }): Promise<ReadFileOutput> {
      const { metrics } = await catalog();
      try {
        const f = await readDqmFile(input.path, metrics);
        return {
          source: { path: f.path, kind: "dqm-root", checksum: f.checksum, sizeBytes: f.sizeBytes, version: f.version, ...(input.workflowId ? { workflowId: input.workflowId } : {}) },
          run: f.run,
          dataset: f.dataset,
          histograms: [...f.mes].map(([mePath, h]) => ({ mePath, histogram: encodeHistogram(h) })),
        };
      } catch (err) {
        if (!(err instanceof IngestInputError)) throw err;
        const sum = await fileChecksum(input.path).catch(() => ({ checksum: "", sizeBytes: 0 }));
        await recordIngestFailure(deps.db, { path: input.path, kind: "dqm-root", ...sum, version: null, ...(input.workflowId ? { workflowId: input.workflowId } : {}) }, err.message);
        throw nonRetryable(err);
      }
    },

    /** Computes every configured metric (pure CPU; the reference run's histograms come from the database). */
    async computeMetrics(input: ComputeInput): Promise<ComputeOutput> {
      const { metrics } = await catalog();
      const mes = new Map<string, Histogram>(input.histograms.map((h) => [h.mePath, decodeHistogram(h.histogram)]));
      const refs = input.referenceRun !== undefined && input.referenceRun !== input.run ? await loadReferenceHistograms(deps.db, input.referenceRun, input.dataset) : new Map<string, Histogram>();
      const { computed, skipped } = computePoints(metrics, mes, refs);
      return { points: computed, skipped };
    },

    /** Writes points, histograms and bookkeeping in one transaction (idempotent: replaces). */
    async writeMetrics(input: { read: ReadFileOutput; computed: ComputeOutput }): Promise<IngestWriteResult> {
      const { metrics } = await catalog();
      try {
        return await writeIngest(deps.db, metrics, {
          source: input.read.source,
          run: input.read.run,
          dataset: input.read.dataset,
          points: input.computed.points,
          skipped: input.computed.skipped,
          histograms: input.read.histograms,
        });
      } catch (err) {
        if (!(err instanceof IngestInputError)) throw err;
        await recordIngestFailure(deps.db, input.read.source, err.message, input.read.run, input.read.dataset);
        throw nonRetryable(err);
      }
    },

    /** The files of a DQM-GUI-like tree to ingest now. */
    async planDirectoryScan(input: { root: string }): Promise<ScanPlan> {
      return planScan(deps.db, input.root);
    },
  };
}

export type IngestActivities = ReturnType<typeof createIngestActivities>;
