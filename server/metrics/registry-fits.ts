import { z } from "zod";
import { defineMetric, type RegisteredMetric } from "./define-metric";
import { flatLine, GAUSS_PARAMS, gaussianFit, LANDAU_PARAMS, LANGAU_PARAMS, landauAroundMax, landauAroundMaxBin, landauFit, langauFit } from "./fits/fits";

const range = z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, "range must be [low, high] with low < high");

/** The fit metrics of the registry (HDQM fits.*). */
export const fitMetrics: Readonly<Record<string, RegisteredMetric>> = {
  gaussianFit: defineMetric({
    description: "Gaussian fit over a range (HDQM fits.Gaussian)",
    params: z.strictObject({ parameter: z.enum(GAUSS_PARAMS), range, initial: z.tuple([z.number(), z.number().positive(), z.number()]) }),
    compute: ({ main }, p) => gaussianFit(main, p.range, p.initial, p.parameter),
  }),
  landauFit: defineMetric({
    description: "Landau fit over a range (HDQM fits.Landau); initial (mpv, sigma[, constant])",
    params: z.strictObject({
      parameter: z.enum(LANDAU_PARAMS),
      range,
      initial: z.union([z.tuple([z.number(), z.number().positive()]), z.tuple([z.number(), z.number().positive(), z.number()])]),
    }),
    compute: ({ main }, p) => landauFit(main, p.range, p.initial, p.parameter),
  }),
  landauAroundMax: defineMetric({
    description: "Landau fit around the peak, range as fractions of it (HDQM fits.LandauAroundMax)",
    params: z.strictObject({
      parameter: z.enum(LANDAU_PARAMS),
      lowFraction: z.number().positive(),
      highFraction: z.number().positive(),
      upperCut: z.number().positive().default(Number.MAX_VALUE),
    }),
    compute: ({ main }, p) => landauAroundMax(main, p.parameter, p.lowFraction, p.highFraction, p.upperCut),
  }),
  landauAroundMaxBin: defineMetric({
    description: "Landau fit over the highest bin ± halfWidth (HDQM fits.LandauAroundMaxBin)",
    params: z.strictObject({ parameter: z.enum(LANDAU_PARAMS), halfWidth: z.number().positive() }),
    compute: ({ main }, p) => landauAroundMaxBin(main, p.parameter, p.halfWidth),
  }),
  langauFit: defineMetric({
    description: "Landau⊗Gaussian fit (HDQM fits.LanGau); value 'peak' is the fitted maximum",
    params: z.strictObject({
      range,
      initial: z.tuple([z.number().positive(), z.number(), z.number(), z.number().positive()]),
      value: z.enum(["peak", ...LANGAU_PARAMS]).default("peak"),
      errorFrom: z.enum(LANGAU_PARAMS).default("mp"),
    }),
    compute: ({ main }, p) => langauFit(main, p.range, p.initial, p.value, p.errorFrom),
  }),
  flatLine: defineMetric({
    description: "constant (pol0) fit over a range (HDQM fits.FlatLine)",
    params: z.strictObject({ range, initial: z.number().default(1) }),
    compute: ({ main }, p) => flatLine(main, p.range, p.initial),
  }),
};
