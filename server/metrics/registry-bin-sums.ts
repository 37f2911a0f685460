import { z } from "zod";
import { binPercent, binSetRatio, binSumPercent, cellsAboveMaxFraction, countOutsideRange, maxExcursion, meanOverX, nonNegativeMean, sumOfWeightsPerEntry } from "./bin-sums";
import { defineMetric, type RegisteredMetric } from "./define-metric";

const bin = z.union([z.number().int(), z.string().min(1)]);
const binNumber = z.number().int().min(0);
const binRange = z.tuple([binNumber, binNumber]).refine(([a, b]) => a <= b, "bin range must be [first, last] with first ≤ last");

/** Metrics over chosen bins (HDQM basic.* and muon_metrics.* bin sums). */
export const binSumMetrics: Readonly<Record<string, RegisteredMetric>> = {
  maxExcursion: defineMetric({ description: "highest minus lowest bin (HDQM MaxExcursion)", params: z.strictObject({}), compute: ({ main }) => maxExcursion(main) }),
  binPercent: defineMetric({
    description: "100 × a bin over a fixed total (HDQM ROCfraction)",
    params: z.strictObject({ bin, total: z.number().refine((t) => t !== 0, "total must not be 0"), noError: z.boolean().default(false) }),
    compute: ({ main }, p) => binPercent(main, p.bin, p.total, p.noError),
  }),
  binSumPercent: defineMetric({
    description: "100 × Σ of x bins in one y bin over a norm (HDQM StripBadComponent)",
    params: z.strictObject({ xBins: z.array(binNumber).min(1), yBin: binNumber, norm: z.number().refine((n) => n !== 0, "norm must not be 0") }),
    compute: ({ main }, p) => binSumPercent(main, p.xBins, p.yBin, p.norm),
  }),
  cellsAboveMaxFraction: defineMetric({
    description: "100 × cells above a fraction of the maximum over a norm (HDQM FED25ErrorFraction)",
    params: z.strictObject({ fraction: z.number(), norm: z.number().refine((n) => n !== 0, "norm must not be 0"), error: z.boolean().default(true) }),
    compute: ({ main }, p) => cellsAboveMaxFraction(main, p.fraction, p.norm, p.error),
  }),
  binSetRatio: defineMetric({
    description: "Σ of some bins over Σ of others (HDQM FractionInBinArray)",
    params: z.strictObject({ numerator: z.array(binNumber).min(1), denominator: z.array(binNumber).min(1) }),
    compute: ({ main }, p) => binSetRatio(main, p.numerator, p.denominator),
  }),
  nonNegativeMean: defineMetric({
    description: "average of a block of bins, negatives as 0 (HDQM MeanPosOnly, MeanXRange)",
    params: z.strictObject({ xBins: binRange.optional(), yBins: binRange.optional() }),
    compute: ({ main }, p) => nonNegativeMean(main, p.xBins, p.yBins),
  }),
  meanOverX: defineMetric({
    description: "average of one y bin over x bins 0..n (HDQM muon_metrics.MeanCh)",
    params: z.strictObject({ yBin: binNumber }),
    compute: ({ main }, p) => meanOverX(main, p.yBin),
  }),
  countOutsideRange: defineMetric({
    description: "Σ of the bins outside [low, high] (HDQM muon_metrics.NOutsideRange)",
    params: z.strictObject({ low: z.number(), high: z.number() }),
    compute: ({ main }, p) => countOutsideRange(main, p.low, p.high),
  }),
  sumOfWeightsPerEntry: defineMetric({
    description: "TH1::GetSumOfWeights / GetEntries (HDQM MeanY)",
    params: z.strictObject({}),
    compute: ({ main }) => sumOfWeightsPerEntry(main),
  }),
};
