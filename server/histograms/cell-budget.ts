/**
 * How many cells a JSROOT JSON document would make jsroot and the reader allocate, read from the
 * plain parsed JSON before anything is allocated: every `fNbins`, every compressed array's
 * `{"$arr": …, "len": N}` (which jsroot expands to N values however short the text), and each
 * histogram's (nx+2)(ny+2). A document over its budget is refused before jsroot sees it.
 */
import { HistogramFormatError } from "./errors";

/** Compressed arrays a histogram may carry: contents, sumw2, bin entries, bin sumw2, x and y edges. */
const ARRAYS_PER_HISTOGRAM = 6;

function isCount(v: unknown, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
}

/**
 * Throws HistogramFormatError naming the first field over `maxCells` (`limitText` says which limit
 * that is); returns the cells of the largest histogram declared.
 */
export function checkDeclaredCells(parsed: unknown, maxCells: number, limitText: string): number {
  let expanded = 0;
  let largest = 0;
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const o = stack.pop();
    if (typeof o !== "object" || o === null) continue;
    if (Array.isArray(o)) {
      for (const v of o) if (typeof v === "object" && v !== null) stack.push(v);
      continue;
    }
    const rec = o as Record<string, unknown>;
    if ("$arr" in rec) {
      if (!isCount(rec.len, maxCells)) throw new HistogramFormatError(`a compressed array declares ${String(rec.len)} values; at most ${maxCells} (${limitText})`);
      expanded += rec.len;
      if (expanded > ARRAYS_PER_HISTOGRAM * maxCells) throw new HistogramFormatError(`compressed arrays declare ${expanded} values in all; at most ${ARRAYS_PER_HISTOGRAM * maxCells} (${limitText})`);
    }
    if ("fNbins" in rec && !isCount(rec.fNbins, maxCells)) throw new HistogramFormatError(`an axis declares ${String(rec.fNbins)} bins; at most ${maxCells} (${limitText})`);
    const x = rec.fXaxis as { fNbins?: unknown } | undefined;
    if (typeof rec._typename === "string" && x && typeof x === "object") {
      const y = rec.fYaxis as { fNbins?: unknown } | undefined;
      const nx = typeof x.fNbins === "number" ? x.fNbins : 0;
      const ny = /2/.test(rec._typename) && y && typeof y.fNbins === "number" ? y.fNbins : -1;
      const cells = (nx + 2) * (ny + 2);
      if (cells > maxCells) throw new HistogramFormatError(`${rec._typename} of ${nx}${ny >= 0 ? `×${ny}` : ""} bins has ${cells} cells; at most ${maxCells} (${limitText})`);
      largest = Math.max(largest, cells);
    }
    for (const v of Object.values(rec)) if (typeof v === "object" && v !== null) stack.push(v);
  }
  return largest;
}
