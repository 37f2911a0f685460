import { z } from "zod";

/** Shape of a declarative (YAML or JSON) per-subsystem metric file, before registry checks. */

export const NAME_PATTERN = /^[A-Za-z0-9_+-]+$/;
const name = z.string().regex(NAME_PATTERN, "names may use only letters, digits, _, + and -");
const paths = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const checks = z
  .strictObject({
    expectedRange: z
      .strictObject({ min: z.number().optional(), max: z.number().optional() })
      .refine((r) => r.min !== undefined || r.max !== undefined, "give min, max or both")
      .refine((r) => r.min === undefined || r.max === undefined || r.min < r.max, "min must be below max")
      .optional(),
    withinSigma: z.strictObject({ k: z.number().positive(), lastGoodRuns: z.number().int().min(2) }).optional(),
  })
  .refine((c) => c.expectedRange !== undefined || c.withinSigma !== undefined, "give expectedRange, withinSigma or both");

export const metricEntrySchema = z.strictObject({
  name,
  relativePath: paths,
  histo1Path: paths.optional(),
  histo2Path: paths.optional(),
  reference: paths.optional(),
  /** A registry function name, or an HDQM expression such as "fits.Landau(0, 18., 30., (25., 15.))". */
  metric: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
  plotTitle: z.string().min(1).optional(),
  yTitle: z.string().min(1),
  threshold: z.number().nonnegative().optional(),
  checks: checks.optional(),
});

export const groupSchema = z.strictObject({
  name,
  plotTitle: z.string().min(1),
  yTitle: z.string().min(1),
  series: z.array(name).min(1),
});

export const correlationSchema = z.strictObject({
  name,
  plotTitle: z.string().min(1),
  series: z.array(name).min(2).max(3),
});

export const metricFileSchema = z.strictObject({
  subsystem: name,
  metrics: z.array(z.unknown()).default([]),
  groups: z.array(z.unknown()).default([]),
  correlations: z.array(z.unknown()).default([]),
});

export type MetricEntry = z.output<typeof metricEntrySchema>;
