import type { Histogram } from "../histograms/histogram";
import { content, require2D, resolveBin } from "./histogram-access";
import { MetricError } from "./metric-error";
import type { MetricResult } from "./metric-types";

/** Mean and standard error of a set of bin values. */
function meanOf(values: readonly number[], what: string): MetricResult {
  if (values.length === 0) throw new MetricError("empty", `no non-empty bins in ${what}`);
  let sum = 0;
  let sum2 = 0;
  for (const v of values) {
    sum += v;
    sum2 += v * v;
  }
  const m = sum / values.length;
  const rms = Math.sqrt(Math.max(sum2 / values.length - m * m, 0));
  return { value: m, error: rms / Math.sqrt(values.length) };
}

/**
 * Mean over the non-zero cells of a profile or map (HDQM basic.ProfileMean): the average of the
 * bin values, with the RMS of those values over √(number of cells) as error.
 */
export function profileMean(h: Histogram): MetricResult {
  const ny = h.y ? h.y.nbins : 0;
  const values: number[] = [];
  for (let iy = ny > 0 ? 1 : 0; iy <= ny; iy++) {
    for (let ix = 1; ix <= h.x.nbins; ix++) {
      const c = content(h, ix, iy);
      if (c !== 0) values.push(c);
    }
  }
  return meanOf(values, `'${h.name}'`);
}

/**
 * Mean of the bin values along y for one x bin of a 2D histogram or 2D profile (HDQM
 * basic.MeanYForXBin: negative cells count as zero, every cell counts in the denominator).
 */
export function meanYForXBin(h: Histogram, xbin: number | string): MetricResult {
  const yAxis = require2D(h, "meanYForXBin");
  const ix = resolveBin(h.x, xbin, "x bin");
  const values: number[] = [];
  for (let iy = 1; iy <= yAxis.nbins; iy++) values.push(Math.max(content(h, ix, iy), 0));
  return meanOf(values, `x bin ${ix} of '${h.name}'`);
}

/**
 * Mean over the non-zero cells of two x columns of a BPix ladder × module map, module m's
 * columns being 5 − m and nx − 4 + m, i.e. counted from both ends (HDQM
 * basic.ProfileMeanBPixModules), with ProfileMean's error. When both are one column it counts twice, as in HDQM.
 */
export function bpixModuleMean(h: Histogram, module: number): MetricResult {
  const yAxis = require2D(h, "bpixModuleMean");
  const offset = 4 - module;
  const columns = [1 + offset, h.x.nbins - offset];
  for (const ix of columns) resolveBin(h.x, ix, "module column");
  const values: number[] = [];
  for (let iy = 1; iy <= yAxis.nbins; iy++) {
    for (const ix of columns) {
      const c = content(h, ix, iy);
      if (c !== 0) values.push(c);
    }
  }
  return meanOf(values, `module ${module} of '${h.name}'`);
}
