/**
 * NoisyChannel — CMSSW DQMServices/Core/src/QTest.cc (NoisyChannel::runTest, getAverage,
 * getAverage2D). A bin is noisy when (content − mean of its neighbours)/|mean| > tolerance; the
 * neighbourhood window of 2n+1 bins is shifted inwards at the edges instead of wrapping.
 */
import type { Histogram } from "../../histograms/histogram";
import type { TestResult } from "../result";
import type { Thresholds } from "../status";
import { cellAt, checkInput, qtestResult } from "./qtest-result";

export interface NoisyChannelParams {
  readonly tolerance?: number;
  readonly neighbours: number;
}

/** Shifts [bin − n, bin + n] inside [1, nbins] as getAverage does; returns [start, end]. */
function window(bin: number, n: number, nbins: number): [number, number] {
  let start = bin - n;
  let end = bin + n;
  if (start < 1) {
    end += 1 - start;
    start = 1;
    if (end > nbins) end = nbins;
  }
  if (end > nbins) {
    start -= end - nbins;
    end = nbins;
    if (start < 1) start = 1;
  }
  return [start, end];
}

function average1D(h: Histogram, bin: number, n: number): number {
  const ncx = h.x.nbins;
  const [s, e] = window(bin, n, ncx);
  let sum = 0;
  for (let i = s; i <= e; i++) sum += h.contents[i]!;
  sum -= h.contents[bin]!;
  const dimension = Math.min(2 * n + 1, ncx);
  return sum / (dimension - 1);
}

function average2D(h: Histogram, bx: number, by: number, n: number): number {
  const ncx = h.x.nbins;
  const ncy = h.y!.nbins;
  const [sx, ex] = window(bx, n, ncx);
  const [sy, ey] = window(by, n, ncy);
  let sum = 0;
  for (let j = sy; j <= ey; j++) for (let i = sx; i <= ex; i++) sum += h.contents[cellAt(h, i, j)]!;
  sum -= h.contents[cellAt(h, bx, by)]!;
  const dx = Math.min(2 * n + 1, ncx);
  const dy = Math.min(2 * n + 1, ncy);
  return sum / (dx * dy - 1);
}

export function noisyChannel(h: Histogram, p: NoisyChannelParams, t?: Thresholds): TestResult {
  const name = "NoisyChannel";
  const bad = checkInput(name, h, ["TH1", "TH2"]);
  if (bad) return bad;
  // setNumNeighbors ignores 0 (the default 1 stays); setTolerance ignores negatives and stores a
  // float, so the ratio is compared with the tolerance rounded to single precision.
  const n = p.neighbours >= 1 ? Math.trunc(p.neighbours) : 1;
  const tolerance = p.tolerance !== undefined && p.tolerance >= 0 ? Math.fround(p.tolerance) : undefined;
  const noisy = (content: number, avg: number): boolean => tolerance !== undefined && avg !== 0 && (content - avg) / Math.abs(avg) > tolerance;
  if (!h.y) {
    // CMSSW's 1D branch accepts everything until a tolerance is set.
    if (tolerance === undefined) return qtestResult(name, 1, t);
    const nbins = h.x.nbins;
    let fail = 0;
    for (let bin = 1; bin <= nbins; bin++) if (noisy(h.contents[bin]!, average1D(h, bin, n))) fail++;
    return qtestResult(name, (nbins - fail) / nbins, t);
  }
  const nx = h.x.nbins;
  const ny = h.y.nbins;
  let fail = 0;
  for (let by = 1; by <= ny; by++) {
    for (let bx = 1; bx <= nx; bx++) if (noisy(h.contents[cellAt(h, bx, by)]!, average2D(h, bx, by, n))) fail++;
  }
  return qtestResult(name, (nx * ny - fail) / (nx * ny), t);
}
