import { binCenter, binWidth, type Histogram } from "../../histograms/histogram";
import { content, integral, maximumBin, require1D } from "../histogram-access";
import { MetricError } from "../metric-error";
import type { MetricResult } from "../metric-types";
import { fitPoints } from "./fit-data";
import { chi2Fit, type FitResult } from "./least-squares";
import { flatModel, gaussModel, landauModel, langauModel } from "./models";
import { maximumOf } from "./maximum";

/** Histogram fits after HDQM's backend/metrics/fits.py; each returns one parameter ± its error. */

export type Range = readonly [number, number];

function pick(fit: FitResult, index: number): MetricResult {
  return { value: fit.params[index] ?? NaN, error: fit.errors[index] ?? NaN };
}

function checkRange(range: Range): void {
  if (!(range[0] < range[1])) throw new MetricError("bad-parameter", `fit range [${range[0]}, ${range[1]}] is empty`);
}

export const GAUSS_PARAMS = ["mean", "sigma", "constant"] as const;

/** Gaussian over a range (HDQM fits.Gaussian). */
export function gaussianFit(h: Histogram, range: Range, initial: readonly number[], parameter: (typeof GAUSS_PARAMS)[number]): MetricResult {
  checkRange(range);
  const fit = chi2Fit(fitPoints(h, range[0], range[1], "gaussianFit"), gaussModel, initial, { min: [-Infinity, 1e-12, -Infinity] });
  return pick(fit, GAUSS_PARAMS.indexOf(parameter));
}

export const LANDAU_PARAMS = ["mpv", "sigma", "constant"] as const;
type LandauParam = (typeof LANDAU_PARAMS)[number];

function landauFitRaw(h: Histogram, range: Range, initial: readonly number[], metric: string): FitResult {
  checkRange(range);
  return chi2Fit(fitPoints(h, range[0], range[1], metric), landauModel, initial, { min: [-Infinity, 1e-12, -Infinity] });
}

function landauParameter(h: Histogram, range: Range, initial: readonly number[], parameter: LandauParam): MetricResult {
  const start = initial.length >= 3 ? initial : [initial[0] ?? 0, initial[1] ?? 1, content(h, maximumBin(h).ix) / 0.18];
  return pick(landauFitRaw(h, range, start, "landauFit"), LANDAU_PARAMS.indexOf(parameter));
}

/**
 * Landau over a range (HDQM fits.Landau). HDQM configs often give only (mpv, sigma); ROOT then
 * started the constant at 0, here at the highest bin / 0.18 (φ's peak height), a sounder start.
 */
export function landauFit(h: Histogram, range: Range, initial: readonly number[], parameter: LandauParam): MetricResult {
  const result = landauParameter(h, range, initial, parameter);
  // HDQM fits.Landau kept only a positive parameter (and stored 0 otherwise).
  if (!(result.value > 0)) throw new MetricError("fit-rejected", `fitted ${parameter} ${result.value} is not positive`);
  return result;
}

/**
 * Landau around the peak (HDQM fits.LandauAroundMax): c = mean centre of the highest bin and
 * its higher neighbour; fit over [c·lowFraction, c·highFraction] from (c, c/10, max); a result
 * outside (0, upperCut) is rejected (HDQM returned 0 there, which polluted trends).
 */
export function landauAroundMax(h: Histogram, parameter: LandauParam, lowFraction: number, highFraction: number, upperCut: number): MetricResult {
  require1D(h, "landauAroundMax");
  if (integral(h) <= 0) throw new MetricError("empty", `'${h.name}' is empty`);
  const { ix } = maximumBin(h);
  const neighbour = content(h, ix - 1) > content(h, ix + 1) ? ix - 1 : ix + 1;
  const c = (binCenter(h.x, ix) + binCenter(h.x, neighbour)) / 2;
  const result = landauParameter(h, [c * lowFraction, c * highFraction], [c, c / 10, content(h, ix)], parameter);
  if (!(result.value > 0 && result.value < upperCut)) {
    throw new MetricError("fit-rejected", `fitted ${parameter} ${result.value} is outside (0, ${upperCut})`);
  }
  return result;
}

/**
 * Landau over the highest bin's centre ± halfWidth (HDQM fits.LandauAroundMaxBin), which used
 * ROOT's predefined "landau" (parameters constant, mpv, sigma); started from the peak.
 */
export function landauAroundMaxBin(h: Histogram, parameter: LandauParam, halfWidth: number): MetricResult {
  require1D(h, "landauAroundMaxBin");
  if (integral(h) <= 0) throw new MetricError("empty", `'${h.name}' is empty`);
  const { ix } = maximumBin(h);
  const c = binCenter(h.x, ix);
  // φ peaks at ≈0.1807, so constant ≈ max/0.18 starts the amplitude close to the data.
  return landauParameter(h, [c - halfWidth, c + halfWidth], [c, halfWidth / 4, content(h, ix) / 0.18], parameter);
}

export const LANGAU_PARAMS = ["width", "mp", "area", "gsigma"] as const;
export type LangauValue = "peak" | (typeof LANGAU_PARAMS)[number];

/**
 * Landau ⊗ Gaussian over a range (HDQM fits.LanGau): starts from `initial` (width, mp, area,
 * gsigma) with mp at the highest bin when it lies in range and area at the histogram's integral
 * × bin width, as HDQM did; the value is a parameter or the fitted curve's maximum ("peak", HDQM's
 * TF1::GetMaximumX) with the error of `errorFrom`.
 */
export function langauFit(h: Histogram, range: Range, initial: readonly number[], value: LangauValue, errorFrom: (typeof LANGAU_PARAMS)[number]): MetricResult {
  checkRange(range);
  require1D(h, "langauFit");
  const start = [...initial];
  const { ix } = maximumBin(h);
  const peakX = binCenter(h.x, ix);
  if (peakX > range[0] && peakX < range[1]) start[1] = peakX;
  start[2] = integral(h) * binWidth(h.x, ix);
  const fit = chi2Fit(fitPoints(h, range[0], range[1], "langauFit"), langauModel, start, { min: [1e-12, -Infinity, -Infinity, 1e-12] });
  const error = fit.errors[LANGAU_PARAMS.indexOf(errorFrom)] ?? NaN;
  if (value === "peak") return { value: maximumOf((x) => langauModel(fit.params, x), range[0], range[1]), error };
  return pick(fit, LANGAU_PARAMS.indexOf(value));
}

/** Constant over a range (HDQM fits.FlatLine, ROOT's pol0): the error-weighted mean of the bins. */
export function flatLine(h: Histogram, range: Range, initial: number): MetricResult {
  checkRange(range);
  return pick(chi2Fit(fitPoints(h, range[0], range[1], "flatLine"), flatModel, [initial]), 0);
}
