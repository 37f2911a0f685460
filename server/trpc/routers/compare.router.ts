/**
 * Ad-hoc comparisons for other tools: histograms as JSROOT JSON (the DQM GUI's export), a test
 * spec as in the test configuration. Bad histograms are BAD_REQUEST naming which one.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { compareOnce } from "../../compare";
import { HistogramFormatError } from "../../histograms/errors";
import { histogramFromJsrootJson } from "../../histograms/from-jsroot-json";
import type { Histogram } from "../../histograms/histogram";
import { procedureFor, router } from "../trpc";

const jsrootJson = z.union([z.string().min(2), z.record(z.string(), z.unknown())]).describe("JSROOT JSON of a TH1/TH2/TProfile");

function readHistogram(value: string | Record<string, unknown>, label: string): Histogram {
  try {
    return histogramFromJsrootJson(typeof value === "string" ? value : JSON.stringify(value));
  } catch (err) {
    if (err instanceof HistogramFormatError) throw new TRPCError({ code: "BAD_REQUEST", message: `${label}: ${err.message}` });
    throw err;
  }
}

/** Typed arrays become plain arrays on the wire. */
function plain<T extends object>(result: T): { [K in keyof T]: T[K] extends Float64Array ? number[] : T[K] } {
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v instanceof Float64Array ? Array.from(v) : v])) as never;
}

export const compareRouter = router({
  run: procedureFor("viewer")
    .input(
      z.object({
        test: z.string().min(1),
        params: z.record(z.string(), z.unknown()).optional(),
        thresholds: z.object({ warning: z.number().min(0).max(1).optional(), error: z.number().min(0).max(1).optional() }).optional(),
        data: jsrootJson,
        references: z.array(jsrootJson).max(16).default([]),
      }),
    )
    .query(({ input }) => {
      const data = readHistogram(input.data, "data");
      const references = input.references.map((r, i) => readHistogram(r, `references[${i}]`));
      const spec = { test: input.test, ...(input.params ? { params: input.params } : {}), ...(input.thresholds ? { thresholds: input.thresholds } : {}) };
      return plain(compareOnce({ spec, data, references }));
    }),
});
