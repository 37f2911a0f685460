import { z } from "zod";
import { bin2DRatio, binContent, binRatio2D, countFrom, countRatio, entries, fractionInBin, fractionInRange, maxBin, rangeRatio } from "./counts";
import { defineMetric, type RegisteredMetric } from "./define-metric";
import { binSumMetrics } from "./registry-bin-sums";
import { fitMetrics } from "./registry-fits";
import { mean, stdDev } from "./moments";
import { bpixModuleMean, meanYForXBin, profileMean } from "./profile";
import { quantile } from "./quantile";
import { chi2, kolmogorov, meanDifference, normalizedChi2 } from "./reference";
import { multiHistogramMetrics } from "./registry-multi-histogram";
import { efficiencyMean, efficiencyStdDev, turnOnPlateau, turnOnPoint, turnOnRange, turnOnWidth } from "./turn-on";

const axis = z.enum(["x", "y", "z"]).default("x");
const bin = z.union([z.number().int(), z.string().min(1)]);
const none = z.strictObject({});

/** Every metric a config may name, with its parameters. */
export const metricRegistry: Readonly<Record<string, RegisteredMetric>> = {
  mean: defineMetric({
    description: "TH1::GetMean ± GetMeanError on an axis; error 'stdDev' gives HDQM MeanRMS",
    params: z.strictObject({ axis, error: z.enum(["meanError", "stdDev"]).default("meanError") }),
    compute: ({ main }, p) => {
      const m = mean(main, p.axis);
      return p.error === "stdDev" ? { value: m.value, error: stdDev(main, p.axis).value } : m;
    },
  }),
  stdDev: defineMetric({
    description: "TH1::GetStdDev ± GetStdDevError on an axis (HDQM StdDev, RMSXAxis, RMSYAxis)",
    params: z.strictObject({ axis }),
    compute: ({ main }, p) => stdDev(main, p.axis),
  }),
  entries: defineMetric({ description: "TH1::GetEntries (HDQM Count)", params: none, compute: ({ main }) => entries(main) }),
  maxBin: defineMetric({ description: "centre of the highest bin (HDQM MaxBin)", params: none, compute: ({ main }) => maxBin(main) }),
  binContent: defineMetric({
    description: "content of a bin by number or label, 1D or 2D (HDQM BinCount, BinCount2D)",
    params: z.strictObject({ x: bin, y: bin.optional(), normalizeError: z.boolean().default(false), noError: z.boolean().default(false) }),
    compute: ({ main }, p) => binContent(main, p),
  }),
  binRatio2D: defineMetric({
    description: "ratio of two bins of a 2D histogram (HDQM BinRatio2D)",
    params: z.strictObject({ numerator: z.tuple([z.number().int(), z.number().int()]), denominator: z.tuple([z.number().int(), z.number().int()]) }),
    compute: ({ main }, p) => binRatio2D(main, p.numerator, p.denominator),
  }),
  bin2DRatio: defineMetric({
    description: "a 2D bin of the ME over the same bin of histo1 (HDQM Bin2DRatio)",
    params: z.strictObject({ x: z.number().int(), y: z.number().int(), normalizeByEntries: z.boolean().default(true) }),
    needs: ["histo1"],
    compute: ({ main, histo1 }, p) => bin2DRatio(main, histo1, p.x, p.y, p.normalizeByEntries),
  }),
  fractionInRange: defineMetric({
    description: "fraction of the total in [low, high] or outside it (HDQM Fraction, Fraction1)",
    params: z.strictObject({
      low: z.number(),
      high: z.number(),
      complement: z.boolean().default(false),
      denominator: z.enum(["entries", "integral", "integralWithFlow"]).default("entries"),
    }),
    compute: ({ main }, p) => fractionInRange(main, p.low, p.high, p.complement, p.denominator),
  }),
  rangeRatio: defineMetric({
    description: "inside [low, high] over outside, or the inverse (HDQM Ratio, Ratio1)",
    params: z.strictObject({ low: z.number(), high: z.number(), inverse: z.boolean().default(false) }),
    compute: ({ main }, p) => rangeRatio(main, p.low, p.high, p.inverse),
  }),
  fractionInBin: defineMetric({
    description: "fraction of the entries in one bin (HDQM FractionInBin)",
    params: z.strictObject({ bin }),
    compute: ({ main }, p) => fractionInBin(main, p.bin),
  }),
  countFrom: defineMetric({
    description: "sum of bins from a bin number or an x value to the end (HDQM BinsCount, EntriesCount)",
    params: z.strictObject({ bin: z.number().int().optional(), x: z.number().optional() }).refine((p) => (p.bin === undefined) !== (p.x === undefined), "give exactly one of bin, x"),
    compute: ({ main }, p) => countFrom(main, p),
  }),
  countRatio: defineMetric({
    description: "entries or integral of the ME over those of histo1",
    params: z.strictObject({ count: z.enum(["entries", "integral"]).default("entries"), binomial: z.boolean().default(false) }),
    needs: ["histo1"],
    compute: ({ main, histo1 }, p) => countRatio(main, histo1, p.count, p.binomial),
  }),
  profileMean: defineMetric({ description: "mean of the non-empty cells (HDQM ProfileMean)", params: none, compute: ({ main }) => profileMean(main) }),
  bpixModuleMean: defineMetric({
    description: "mean of the non-empty cells of a BPix module's two columns (HDQM ProfileMeanBPixModules)",
    params: z.strictObject({ module: z.number().int().min(1).max(4) }),
    compute: ({ main }, p) => bpixModuleMean(main, p.module),
  }),
  meanYForXBin: defineMetric({
    description: "mean cell value along y for one x bin (HDQM MeanYForXBin)",
    params: z.strictObject({ xBin: bin }),
    compute: ({ main }, p) => meanYForXBin(main, p.xBin),
  }),
  quantile: defineMetric({
    description: "TH1::GetQuantiles at a fraction (HDQM Quantile)",
    params: z.strictObject({ fraction: z.number().min(0).max(1) }),
    compute: ({ main }, p) => quantile(main, p.fraction),
  }),
  turnOnPoint: defineMetric({
    description: "x where a turn-on curve reaches an efficiency (HDQM TurnOnCurveEffPoint)",
    params: z.strictObject({ efficiency: z.number().gt(0).lt(1) }),
    compute: ({ main }, p) => turnOnPoint(main, p.efficiency),
  }),
  turnOnWidth: defineMetric({ description: "x(80%) − x(20%) (HDQM TurnOnCurveHalfWidth)", params: none, compute: ({ main }) => turnOnWidth(main) }),
  turnOnPlateau: defineMetric({ description: "plateau efficiency (HDQM TurnOnPlateauEff)", params: none, compute: ({ main }) => turnOnPlateau(main) }),
  efficiencyMean: defineMetric({ description: "weighted mean efficiency (HDQM L1T EffMean)", params: none, compute: ({ main }) => efficiencyMean(main) }),
  efficiencyStdDev: defineMetric({ description: "weighted spread of the efficiency (HDQM L1T EffVariance)", params: none, compute: ({ main }) => efficiencyStdDev(main) }),
  turnOnRange: defineMetric({ description: "centre ± half-length of a turn-on's rise (HDQM L1T TurnOnCurveRange)", params: none, compute: ({ main }) => turnOnRange(main) }),
  meanDifference: defineMetric({
    description: "mean − reference mean (HDQM MeanDiff)",
    params: none,
    needs: ["reference"],
    compute: ({ main, reference }) => meanDifference(main, reference),
  }),
  kolmogorov: defineMetric({
    description: "Kolmogorov probability against the reference (HDQM Kolmogorov)",
    params: none,
    needs: ["reference"],
    compute: ({ main, reference }, _p, deps) => kolmogorov(main, reference, deps),
  }),
  chi2: defineMetric({
    description: "χ² against the reference (HDQM Chi2)",
    params: none,
    needs: ["reference"],
    compute: ({ main, reference }, _p, deps) => chi2(main, reference, deps),
  }),
  normalizedChi2: defineMetric({
    description: "χ²/ndf against the reference (HDQM NormChi2)",
    params: none,
    needs: ["reference"],
    compute: ({ main, reference }, _p, deps) => normalizedChi2(main, reference, deps),
  }),
  ...fitMetrics,
  ...binSumMetrics,
  ...multiHistogramMetrics,
};
