/**
 * What the run page draws for one comparison: the stage's histogram over the reference run's,
 * and AutoDQM's per-bin pulls between them (server/compare/autodqm/pull-values.ts).
 */
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import { pullValues } from "../compare/autodqm/pull-values";
import type { Histogram } from "../histograms/histogram";
import { BadHistogramError, dbHistogramSource } from "./histogram-source";

export interface PlotLine {
  readonly label: string;
  /** n + 1 bin edges. */
  readonly edges: number[];
  /** Contents of bins 1..n. */
  readonly contents: number[];
}

export interface ComparisonPlot {
  readonly mePath: string;
  readonly data: PlotLine | null;
  readonly reference: PlotLine | null;
  /** One pull per bin (null where both bins are empty); empty when there is nothing to compare. */
  readonly pulls: (number | null)[];
  /** Why something could not be drawn (missing or unreadable histogram, 2D histogram). */
  readonly problem: string | null;
}

/** A 1D histogram as edges and inner-bin contents; null for 2D histograms. */
export function plotLine(h: Histogram, label: string): PlotLine | null {
  if (h.y) return null;
  const { nbins, min, max } = h.x;
  const w = (max - min) / nbins;
  return { label, edges: Array.from({ length: nbins + 1 }, (_, i) => min + i * w), contents: Array.from(h.contents.subarray(1, nbins + 1)) };
}

/** Pulls of data against reference, NaN (both bins empty) as null; empty when binnings differ. */
export function binPulls(data: Histogram, reference: Histogram): (number | null)[] {
  const r = pullValues(data, reference, { minEntries: 0 });
  return r.pulls ? Array.from(r.pulls, (p) => (Number.isNaN(p) ? null : p)) : [];
}

export async function comparisonPlot(db: Db, input: { runNumber: number; dataset: string; stage: Stage; mePath: string; referenceRun: number | null }): Promise<ComparisonPlot> {
  const source = dbHistogramSource(db);
  const empty = { mePath: input.mePath, data: null, reference: null, pulls: [] };
  try {
    const data = await source.get(input.runNumber, input.dataset, input.mePath);
    if (!data) return { ...empty, problem: `run ${input.runNumber} has no stored histogram ${input.mePath} in ${input.dataset}` };
    const ref = input.referenceRun === null ? null : await source.getReference(input.referenceRun, input.stage, input.mePath);
    const dataLine = plotLine(data, `run ${input.runNumber}`);
    if (!dataLine) return { ...empty, problem: "2D histograms are not drawn here; open it in the DQM GUI" };
    const refLine = ref ? plotLine(ref, `reference ${input.referenceRun}`) : null;
    return {
      mePath: input.mePath,
      data: dataLine,
      reference: refLine,
      pulls: ref && refLine ? binPulls(data, ref) : [],
      problem: ref ? null : input.referenceRun === null ? "no reference run for this run class" : `reference run ${input.referenceRun} has no ${input.mePath}`,
    };
  } catch (err) {
    if (err instanceof BadHistogramError) return { ...empty, problem: err.message };
    throw err;
  }
}
