/**
 * The anomaly score as an HDQM metric: `(histogram) => {value, error}`. The error is the
 * statistical uncertainty of the score given the bin counts, estimated by a parametric
 * bootstrap: the score's standard deviation over Poisson replicas of the histogram (each bin
 * redrawn from Poisson(content)), seeded so a trend point is reproducible.
 */
import type { Histogram } from "../histograms/histogram";
import type { MetricResult } from "../metrics/metric-types";
import { scoreHistogram, type AnomalyModel } from "./anomaly-model";
import { poisson } from "../compare/math/rng";
import { seededRandom } from "./random";

export function anomalyScoreMetric(model: AnomalyModel, opts: { replicas?: number; seed?: number } = {}): (h: Histogram) => MetricResult {
  const replicas = opts.replicas ?? 20;
  const seed = opts.seed ?? 1;
  return (h) => {
    const value = scoreHistogram(model, h).score;
    if (replicas < 2) return { value, error: 0 };
    const rng = { next: seededRandom(seed) };
    let sum = 0;
    let sum2 = 0;
    for (let r = 0; r < replicas; r++) {
      const contents = Float64Array.from(h.contents, (c) => poisson(c, rng));
      const entries = contents.reduce((s, c) => s + c, 0);
      const s = scoreHistogram(model, { ...h, contents, entries, sumw2: undefined }).score;
      sum += s;
      sum2 += s * s;
    }
    const mean = sum / replicas;
    return { value, error: Math.sqrt(Math.max(0, (sum2 - replicas * mean * mean) / (replicas - 1))) };
  };
}
