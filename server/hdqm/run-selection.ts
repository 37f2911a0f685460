/** How a trend picks its runs: latest N, a range, an explicit list, or a golden JSON. */
import { z } from "zod";
import { goldenJsonSchema } from "./golden-json";
import { MAX_TREND_RUNS } from "./trend-limits";

const runNumber = z.number().int().positive();

export const runSelectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("latest"), n: z.number().int().min(1).max(MAX_TREND_RUNS) }),
  z
    .object({ kind: z.literal("range"), from: runNumber, to: runNumber })
    .refine((s) => s.from <= s.to, { message: "from must not be after to", path: ["to"] }),
  z.object({ kind: z.literal("list"), runs: z.array(runNumber).min(1).max(MAX_TREND_RUNS) }),
  z.object({
    kind: z.literal("golden"),
    json: goldenJsonSchema,
    /** Keep a run only when at least this share of its lumisections is certified (default: any). */
    minCertifiedFraction: z.number().min(0).max(1).default(0),
  }),
]);

export type RunSelection = z.input<typeof runSelectionSchema>;
export type ParsedRunSelection = z.output<typeof runSelectionSchema>;
