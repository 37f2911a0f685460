/** Reads the JSROOT JSON a DQM GUI exports (ROOT's TBufferJSON format) into a Histogram. */
import { MAX_CELLS_PER_HISTOGRAM } from "../limits/limits";
import type { Histogram } from "./histogram";
import { checkDeclaredCells } from "./cell-budget";
import { HistogramFormatError } from "./errors";
import { fromJsroot, isSupportedClass, type JsrootHistogram } from "./from-jsroot";
import { parseRootJson } from "./jsroot-io";

function isJsrootHistogram(o: unknown): o is JsrootHistogram {
  if (typeof o !== "object" || o === null) return false;
  const t = (o as { _typename?: unknown })._typename;
  return typeof t === "string" && isSupportedClass(t) && "fArray" in o && "fXaxis" in o;
}

/** At most how many cells a document may declare, and the limit's name for the refusal. */
export interface CellBudget {
  readonly maxCells: number;
  readonly limitText: string;
}

const perHistogram: CellBudget = { maxCells: MAX_CELLS_PER_HISTOGRAM, limitText: "cells per histogram" };

/**
 * Parses JSROOT JSON text. The DQM GUI wraps the histogram in an object ({"hist": {...}} or
 * a one-element list); the first supported histogram found at the top two levels is used.
 * The sizes the text declares are checked against `budget` before jsroot expands anything.
 */
export function histogramFromJsrootJson(text: string, budget: CellBudget = perHistogram): Histogram {
  let parsed: unknown;
  try {
    const plain: unknown = JSON.parse(text);
    if (typeof plain !== "object" || plain === null) throw new HistogramFormatError("no TH1/TH2/TProfile object in the JSON");
    checkDeclaredCells(plain, budget.maxCells, budget.limitText);
    parsed = parseRootJson(plain);
  } catch (err) {
    if (err instanceof HistogramFormatError) throw err;
    throw new HistogramFormatError(`not JSROOT JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const found = findHistogram(parsed, 2);
  if (!found) throw new HistogramFormatError("no TH1/TH2/TProfile object in the JSON");
  return fromJsroot(found);
}

function findHistogram(o: unknown, depth: number): JsrootHistogram | undefined {
  if (isJsrootHistogram(o)) return o;
  if (depth === 0 || typeof o !== "object" || o === null) return undefined;
  for (const v of Array.isArray(o) ? o : Object.values(o)) {
    const h = findHistogram(v, depth - 1);
    if (h) return h;
  }
  return undefined;
}
