/**
 * Ad-hoc comparisons for other tools: histograms as JSROOT JSON (the DQM GUI's export), a test
 * spec as in the test configuration. Bad histograms are BAD_REQUEST naming which one; the cells
 * each histogram declares are counted against the per-histogram and per-request limits before
 * anything is allocated.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { compareOnce } from "../../compare";
import { HistogramFormatError } from "../../histograms/errors";
import { histogramFromJsrootJson } from "../../histograms/from-jsroot-json";
import type { Histogram } from "../../histograms/histogram";
import { boundedText, nameText } from "../../limits/fields";
import { MAX_BODY_BYTES, MAX_CELLS_PER_HISTOGRAM, MAX_CELLS_PER_REQUEST } from "../../limits/limits";
import { procedureFor, router } from "../trpc";

const MAX_REFERENCES = 16;

const jsrootJson = z.union([boundedText(MAX_BODY_BYTES, 2), z.record(z.string(), z.unknown())]).describe("JSROOT JSON of a TH1/TH2/TProfile");

/** Reads the request's histograms in order, each within what is left of the request's cell budget. */
function readHistograms(values: readonly (string | Record<string, unknown>)[], labels: readonly string[]): Histogram[] {
  let used = 0;
  return values.map((value, i) => {
    const label = labels[i] ?? `histogram ${i}`;
    const left = MAX_CELLS_PER_REQUEST - used;
    if (left <= 0) throw new TRPCError({ code: "BAD_REQUEST", message: `${label}: the histograms before it already have ${used} cells; at most ${MAX_CELLS_PER_REQUEST} cells per request` });
    const budget =
      left < MAX_CELLS_PER_HISTOGRAM
        ? { maxCells: left, limitText: `${MAX_CELLS_PER_REQUEST} cells per request, ${used} used by the histograms before it` }
        : { maxCells: MAX_CELLS_PER_HISTOGRAM, limitText: "cells per histogram" };
    try {
      const h = histogramFromJsrootJson(typeof value === "string" ? value : JSON.stringify(value), budget);
      used += h.contents.length;
      return h;
    } catch (err) {
      if (err instanceof HistogramFormatError) throw new TRPCError({ code: "BAD_REQUEST", message: `${label}: ${err.message}` });
      throw err;
    }
  });
}

/** Typed arrays become plain arrays on the wire. */
function plain<T extends object>(result: T): { [K in keyof T]: T[K] extends Float64Array ? number[] : T[K] } {
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v instanceof Float64Array ? Array.from(v) : v])) as never;
}

export const compareRouter = router({
  run: procedureFor("viewer")
    .input(
      z.object({
        test: nameText,
        params: z.record(z.string().max(100), z.unknown()).optional(),
        thresholds: z.object({ warning: z.number().min(0).max(1).optional(), error: z.number().min(0).max(1).optional() }).optional(),
        data: jsrootJson,
        references: z.array(jsrootJson).max(MAX_REFERENCES, { error: `at most ${MAX_REFERENCES} references` }).default([]),
      }),
    )
    .query(({ input }) => {
      const [data, ...references] = readHistograms([input.data, ...input.references], ["data", ...input.references.map((_, i) => `references[${i}]`)]);
      const spec = { test: input.test, ...(input.params ? { params: input.params } : {}), ...(input.thresholds ? { thresholds: input.thresholds } : {}) };
      return plain(compareOnce({ spec, data: data!, references }));
    }),
});
