/**
 * Turns the monitor elements of one (run, dataset) into metric results, one per configured
 * metric. A metric whose ME is missing, below its entries threshold or not computable is
 * skipped with its reason; the others still count (HDQM semantics).
 */
import { chi2Test, kolmogorovTest } from "../compare/index";
import type { Histogram } from "../histograms/histogram";
import { computeMetric, MetricError, type MetricDefinition, type ReferenceComparators } from "../metrics/index";

/** The comparison engine behind HDQM's reference metrics (TH1::KolmogorovTest, Chi2Test "UU NORM"). */
export const referenceComparators: ReferenceComparators = {
  kolmogorov: (h, ref) => {
    const r = kolmogorovTest(h, ref);
    return { statistic: r.statistic, pValue: r.pValue };
  },
  chi2: (h, ref) => {
    const r = chi2Test(h, ref, { mode: "UU", norm: true });
    return { statistic: r.statistic, pValue: r.pValue ?? Number.NaN, ...(r.ndf !== undefined ? { ndf: r.ndf } : {}) };
  },
};

export interface ComputedMetric {
  readonly metric: string;
  readonly subsystem: string;
  readonly value: number;
  readonly error: number;
  /** The ME path the value came from. */
  readonly mePath: string;
}

export interface SkippedMetric {
  readonly metric: string;
  readonly subsystem: string;
  readonly reason: string;
}

export interface ComputeOutcome {
  readonly computed: ComputedMetric[];
  readonly skipped: SkippedMetric[];
}

/** The first path present (HDQM tries relativePath candidates in order). */
export function firstPresent(paths: readonly string[] | undefined, mes: ReadonlyMap<string, Histogram>): string | undefined {
  return paths?.find((p) => mes.has(p));
}

/** Every ME path a catalog may read from a file (main, histo1, histo2), for selective reading. */
export function pathsNeeded(metrics: readonly MetricDefinition[]): Set<string> {
  const out = new Set<string>();
  for (const m of metrics) for (const p of [...m.relativePath, ...(m.histo1Path ?? []), ...(m.histo2Path ?? [])]) out.add(p);
  return out;
}

/**
 * Computes every metric from `mes` (ME path → histogram); `references` holds the reference
 * run's histograms by ME path, used by comparison metrics.
 */
export function computePoints(metrics: readonly MetricDefinition[], mes: ReadonlyMap<string, Histogram>, references: ReadonlyMap<string, Histogram> = new Map()): ComputeOutcome {
  const computed: ComputedMetric[] = [];
  const skipped: SkippedMetric[] = [];
  for (const def of metrics) {
    const skip = (reason: string): void => void skipped.push({ metric: def.name, subsystem: def.subsystem, reason });
    const mainPath = firstPresent(def.relativePath, mes);
    if (!mainPath) {
      skip(`no ME at ${def.relativePath.join(" or ")}`);
      continue;
    }
    const main = mes.get(mainPath)!;
    if (def.threshold !== undefined && main.entries < def.threshold) {
      skip(`${main.entries} entries, below the threshold of ${def.threshold}`);
      continue;
    }
    const histo1Path = firstPresent(def.histo1Path, mes);
    const histo2Path = firstPresent(def.histo2Path, mes);
    const refPath = firstPresent(def.reference, references);
    if (def.reference && !refPath) {
      skip("no reference histogram (no reference run, or it lacks the ME)");
      continue;
    }
    try {
      const r = computeMetric(
        def.metric,
        {
          main,
          ...(histo1Path ? { histo1: mes.get(histo1Path)! } : {}),
          ...(histo2Path ? { histo2: mes.get(histo2Path)! } : {}),
          ...(refPath ? { reference: references.get(refPath)! } : {}),
        },
        { compare: referenceComparators },
      );
      computed.push({ metric: def.name, subsystem: def.subsystem, value: r.value, error: r.error, mePath: mainPath });
    } catch (err) {
      if (err instanceof MetricError) skip(err.message);
      else throw err;
    }
  }
  return { computed, skipped };
}
