/**
 * The test-configuration file: which tests run on which monitor elements (glob patterns on ME
 * paths), with parameters and warning/error thresholds. JSON, validated with zod:
 *
 *   { "version": 1,
 *     "tests": [ { "name": "pixel-shape", "match": ["PixelPhase1/**"], "test": "Comp2RefKolmogorov",
 *                  "thresholds": { "warning": 0.9, "error": 0.5 } } ] }
 */
import { z } from "zod";

const thresholds = z
  .object({ error: z.number().min(0), warning: z.number().min(0) })
  .refine((t) => t.error <= t.warning, { message: "error threshold must not exceed warning threshold" });

const common = {
  name: z.string().min(1),
  match: z.array(z.string().min(1)).min(1),
  exclude: z.array(z.string().min(1)).default([]),
  thresholds: thresholds.default({ error: 0.5, warning: 0.9 }),
  enabled: z.boolean().default(true),
};

const range = z.tuple([z.number(), z.number()]).refine(([a, b]) => a <= b, { message: "range must be [min, max] with min ≤ max" });

export const testSpecSchema = z.discriminatedUnion("test", [
  z.object({ ...common, test: z.literal("chi2"), params: z.object({ mode: z.enum(["UU", "UW", "WW"]).optional(), norm: z.boolean().default(false), uf: z.boolean().default(false), of: z.boolean().default(false) }).default({ norm: false, uf: false, of: false }) }),
  z.object({
    ...common,
    test: z.literal("kolmogorov"),
    params: z
      .object({
        norm: z.boolean().default(false),
        maxDist: z.boolean().default(false),
        // With maxDist the result is a distance: WARNING when D > warning, ERROR when D > error.
        distanceThresholds: z
          .object({ warning: z.number().min(0), error: z.number().min(0) })
          .refine((t) => t.warning <= t.error, { message: "distance warning threshold must not exceed the error threshold" })
          .optional(),
        uf: z.boolean().default(false),
        of: z.boolean().default(false),
        pseudoExperiments: z.object({ count: z.number().int().positive().default(1000), seed: z.number().int().default(1) }).optional(),
      })
      .default({ norm: false, maxDist: false, uf: false, of: false }),
  }),
  z.object({ ...common, test: z.literal("ContentsXRange"), params: z.object({ xmin: z.number().optional(), xmax: z.number().optional() }).default({}) }),
  z.object({ ...common, test: z.literal("ContentsYRange"), params: z.object({ ymin: z.number().optional(), ymax: z.number().optional(), useEmptyBins: z.boolean().default(true) }).default({ useEmptyBins: true }) }),
  z.object({ ...common, test: z.literal("DeadChannel"), params: z.object({ threshold: z.number().optional() }).default({}) }),
  z.object({ ...common, test: z.literal("NoisyChannel"), params: z.object({ tolerance: z.number().optional(), neighbours: z.number().int().min(0).default(1) }).default({ neighbours: 1 }) }),
  z.object({
    ...common,
    test: z.literal("ContentSigma"),
    params: z.object({
      toleranceNoisy: z.number().optional(),
      toleranceDead: z.number().optional(),
      noisy: z.boolean().default(true),
      dead: z.boolean().default(true),
      xBlocks: z.number().int().min(0).default(999),
      yBlocks: z.number().int().min(0).default(999),
      neighboursX: z.number().int().min(0).default(1),
      neighboursY: z.number().int().min(0).default(1),
      xMin: z.number().int().min(0).default(0),
      xMax: z.number().int().min(0).default(0),
      yMin: z.number().int().min(0).default(0),
      yMax: z.number().int().min(0).default(0),
    }),
  }),
  z.object({
    ...common,
    test: z.literal("MeanWithinExpected"),
    params: z.discriminatedUnion("mode", [
      z.object({ mode: z.literal("range"), xmin: z.number(), xmax: z.number(), minEntries: z.number().min(0).optional() }),
      z.object({ mode: z.literal("sigma"), mean: z.number(), sigma: z.number(), minEntries: z.number().min(0).optional() }),
      z.object({ mode: z.literal("rms"), mean: z.number(), minEntries: z.number().min(0).optional() }),
    ]),
  }),
  z.object({ ...common, test: z.literal("ContentsWithinExpected"), params: z.object({ useEmptyBins: z.boolean().default(true), minEntries: z.number().min(0).optional(), meanRange: range.optional(), rmsRange: range.optional(), toleranceMean: z.number().optional() }).default({ useEmptyBins: true }) }),
  z.object({ ...common, test: z.literal("CompareToMedian"), params: z.object({ min: z.number(), max: z.number(), minMedian: z.number(), maxMedian: z.number(), useEmptyBins: z.boolean().default(false), statCut: z.number().default(0) }) }),
  z.object({ ...common, test: z.literal("CompareLastFilledBin"), params: z.object({ min: z.number(), max: z.number(), average: z.number().default(0) }) }),
  z.object({ ...common, test: z.literal("CheckVariance") }),
  z.object({ ...common, test: z.literal("Comp2RefEqualH") }),
  z.object({ ...common, test: z.literal("Comp2RefChi2") }),
  z.object({ ...common, test: z.literal("Comp2RefKolmogorov") }),
  // minEntries: AutoDQM's default since its commit 4e14c4a (June 2022; 100,000 before). allow1D
  // is ours: AutoDQM's plugin returns None unless both inputs are TH2 or both TProfile2D.
  z.object({
    ...common,
    test: z.literal("pullValues"),
    params: z
      .object({ normalisation: z.enum(["whole", "row", "column"]).default("whole"), pullCap: z.number().positive().default(25), chi2Cut: z.number().positive().default(500), pullCut: z.number().positive().default(20), minEntries: z.number().min(0).default(10000), allow1D: z.boolean().default(false) })
      .default({ normalisation: "whole", pullCap: 25, chi2Cut: 500, pullCut: 20, minEntries: 10000, allow1D: false }),
  }),
  z.object({ ...common, test: z.literal("betaBinomial"), params: z.object({ tolerance: z.number().min(0).default(0.01), chi2Cut: z.number().positive().default(10), pullCut: z.number().positive().default(10), minEntries: z.number().min(0).default(1) }).default({ tolerance: 0.01, chi2Cut: 10, pullCut: 10, minEntries: 1 }) }),
]);

export const testConfigSchema = z.object({ version: z.literal(1), tests: z.array(testSpecSchema) }).superRefine((c, ctx) => {
  const seen = new Set<string>();
  c.tests.forEach((t, i) => {
    if (seen.has(t.name)) ctx.addIssue({ code: "custom", path: ["tests", i, "name"], message: `duplicate test name '${t.name}'` });
    seen.add(t.name);
  });
});

export type TestSpec = z.infer<typeof testSpecSchema>;
export type TestConfig = z.infer<typeof testConfigSchema>;
export type TestName = TestSpec["test"];

export class TestConfigError extends Error {
  override readonly name = "TestConfigError";
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Validates a parsed configuration; issues carry dotted paths for display next to their field. */
export function parseTestConfig(input: unknown): TestConfig {
  const r = testConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new TestConfigError(`invalid test configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}
