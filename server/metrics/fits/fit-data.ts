import { binCenter, type Histogram } from "../../histograms/histogram";
import { binError, content, require1D } from "../histogram-access";
import type { FitPoints } from "./least-squares";

/**
 * The bins a ROOT χ² fit over [xmin, xmax] uses (hist/hist/src/HFitInterface.cxx, FillData):
 * bins whose centre lies in the range, evaluated at the centre, skipping bins with zero error
 * (empty bins of an unweighted histogram).
 */
export function fitPoints(h: Histogram, xmin: number, xmax: number, metric: string): FitPoints {
  require1D(h, metric);
  const x: number[] = [];
  const y: number[] = [];
  const sigma: number[] = [];
  for (let i = 1; i <= h.x.nbins; i++) {
    const c = binCenter(h.x, i);
    if (c < xmin || c > xmax) continue;
    const e = binError(h, i);
    if (e <= 0) continue;
    x.push(c);
    y.push(content(h, i));
    sigma.push(e);
  }
  return { x, y, sigma };
}
