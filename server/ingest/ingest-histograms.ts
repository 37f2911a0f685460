/**
 * Compute-and-write for one (run, dataset) whose monitor elements are in memory: the path
 * shared by ROOT-file ingest, the CLI and the demo season (which generates its histograms).
 */
import type { Db } from "../../db/pool";
import type { Histogram } from "../histograms/histogram";
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
  });
  return { ...result, skippedMetrics: skipped };
}
