/**
 * Compute-and-write for one (run, dataset) whose monitor elements are in memory: the path
 * shared by ROOT-file ingest, the CLI and the demo season (which generates its histograms).
 */
import type { Db } from "../../db/pool";
import type { Histogram } from "../histograms/histogram";
import type { QualityReport } from "../histograms/quality-reports";
import type { MetricCatalog } from "../metrics/index";
import { computePoints } from "./compute-points";
import { encodeHistogram } from "./histogram-codec";
import { loadReferenceHistograms } from "./references";
import { type IngestSource, type IngestWriteResult, writeIngest } from "./write-ingest";

export interface HistogramSetIngest {
  readonly source: IngestSource;
  readonly run: number;
  readonly dataset: string;
  readonly mes: ReadonlyMap<string, Histogram>;
  readonly referenceRun?: number;
  readonly qualityReports?: readonly QualityReport[];
  /** See IngestWrite.provisionalRunStart. */
  readonly provisionalRunStart?: Date;
}

export interface HistogramSetReport extends IngestWriteResult {
  readonly skippedMetrics: readonly { readonly subsystem: string; readonly metric: string; readonly reason: string }[];
}

export async function ingestHistogramSet(db: Db, catalog: MetricCatalog, input: HistogramSetIngest): Promise<HistogramSetReport> {
  const refs = input.referenceRun !== undefined && input.referenceRun !== input.run ? await loadReferenceHistograms(db, input.referenceRun, input.dataset) : new Map<string, Histogram>();
  const { computed, skipped } = computePoints(catalog.metrics, input.mes, refs);
  const result = await writeIngest(db, catalog.metrics, {
    source: input.source,
    run: input.run,
    dataset: input.dataset,
    points: computed,
    skipped,
    histograms: [...input.mes].map(([mePath, h]) => ({ mePath, histogram: encodeHistogram(h) })),
    ...(input.qualityReports ? { qualityReports: input.qualityReports } : {}),
    ...(input.provisionalRunStart ? { provisionalRunStart: input.provisionalRunStart } : {}),
  });
  return { ...result, skippedMetrics: skipped };
}

const NO_METRICS: MetricCatalog = { metrics: [], groups: [], correlations: [] };

/**
 * Histograms made in memory (the demo season's generators, test fixtures, benchmarks) go through
 * the same write as a file's: dataset row, `stored_histogram`, bookkeeping (kind `generated`).
 * Replaces every stored histogram of (run, dataset), like a re-ingested file.
 */
export async function ingestGeneratedHistograms(db: Db, run: number, dataset: string, mes: ReadonlyMap<string, Histogram>, catalog: MetricCatalog = NO_METRICS): Promise<HistogramSetReport> {
  return ingestHistogramSet(db, catalog, { source: { path: `generated:${run}${dataset === "online" ? "/online" : dataset}`, kind: "generated", checksum: "", sizeBytes: 0, version: null }, run, dataset, mes });
}
