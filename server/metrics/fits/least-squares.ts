import { levenbergMarquardt } from "ml-levenberg-marquardt";
import { inverse, Matrix } from "ml-matrix";
import { MetricError } from "../metric-error";

/**
 * χ² minimisation with parameter errors, the way ROOT's default histogram fit reports them
 * (TH1::Fit, chi-square method, errors from the covariance at the minimum with UP = 1): the
 * minimiser is ml-levenberg-marquardt; the covariance is (JᵀWJ)⁻¹ with J the model's Jacobian
 * at the minimum and W = 1/σ² (the Gauss–Newton form of 2·H⁻¹, as scipy's curve_fit with
 * absolute_sigma=True also computes it).
 */

export interface FitPoints {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly sigma: readonly number[];
}

export type Model = (p: readonly number[], x: number) => number;

export interface FitResult {
  readonly params: number[];
  readonly errors: number[];
  readonly chi2: number;
  readonly ndf: number;
}

export interface FitOptions {
  readonly min?: readonly number[];
  readonly max?: readonly number[];
}

const MAX_STEPS = 2000;
const MAX_DAMPING = 1e12;

function chi2Of(points: FitPoints, model: Model, p: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < points.x.length; i++) {
    const r = ((points.y[i] ?? 0) - model(p, points.x[i] ?? 0)) / (points.sigma[i] ?? 1);
    s += r * r;
  }
  return s;
}

/** Central-difference Jacobian with a step relative to each parameter's size. */
function jacobian(model: Model, p: readonly number[], x: number): number[] {
  return p.map((pk, k) => {
    const h = 1e-6 * Math.max(Math.abs(pk), 1e-6);
    const up = [...p];
    const down = [...p];
    up[k] = pk + h;
    down[k] = pk - h;
    return (model(up, x) - model(down, x)) / (2 * h);
  });
}

export function chi2Fit(points: FitPoints, model: Model, initial: readonly number[], options: FitOptions = {}): FitResult {
  const npar = initial.length;
  const ndf = points.x.length - npar;
  if (ndf < 0 || points.x.length < 2) {
    throw new MetricError("fit-failed", `${points.x.length} non-empty bins in range for ${npar} parameters`);
  }
  let params = [...initial];
  const index = points.x.map((_, i) => i);
  const scaledY = points.y.map((y, i) => y / (points.sigma[i] ?? 1));
  // The library's damping is additive (λ·I), so parameters of very different sizes (a constant of
  // 1e4 beside a width of 2) get very different effective damping; LM runs on q = p / scale instead.
  const scale = initial.map((v) => (Math.abs(v) > 0 ? Math.abs(v) : 1));
  const toP = (q: readonly number[]): number[] => q.map((v, k) => v * (scale[k] ?? 1));
  const toQ = (p: readonly number[]): number[] => p.map((v, k) => v / (scale[k] ?? 1));
  const scaled: Model = (q, i) => model(toP(q), points.x[i] ?? 0) / (points.sigma[i] ?? 1);
  let chi2 = chi2Of(points, model, params);
  // ml-levenberg-marquardt (v5.1.0) keeps stepping from a rejected point and stops only on an
  // absolute χ² tolerance, so it is driven one step at a time: its step (the damped normal
  // equations) is accepted only when χ² drops, with the classic ×10 / ÷10 damping schedule,
  // until neither χ² nor the parameters move — the ~1e-4 agreement with scipy needs that.
  let damping = 1e-3;
  for (let iter = 0; iter < MAX_STEPS && damping < MAX_DAMPING; iter++) {
    const result = levenbergMarquardt({ x: index, y: scaledY }, (q: number[]) => (i: number) => scaled(q, i), {
      initialValues: toQ(params),
      damping,
      maxIterations: 1,
      errorTolerance: 0,
      jacobianFunction: (q: number[]) => (i: number) => jacobian(scaled, q, i),
      ...(options.min ? { minValues: toQ(options.min) } : {}),
      ...(options.max ? { maxValues: toQ(options.max) } : {}),
    });
    const next = toP(result.parameterValues);
    const nextChi2 = chi2Of(points, model, next);
    if (!(nextChi2 < chi2)) {
      damping *= 10;
      continue;
    }
    const moved = next.some((v, k) => Math.abs(v - (params[k] ?? 0)) > 1e-12 * Math.max(Math.abs(v), 1e-300));
    const gain = chi2 - nextChi2;
    params = next;
    chi2 = nextChi2;
    damping = Math.max(damping / 10, 1e-12);
    if (gain < 1e-13 * Math.max(chi2, 1) && !moved) break;
  }
  if (!params.every(Number.isFinite) || !Number.isFinite(chi2)) throw new MetricError("fit-failed", "the fit diverged");
  return { params, errors: parameterErrors(points, model, params), chi2, ndf };
}

function parameterErrors(points: FitPoints, model: Model, p: readonly number[]): number[] {
  const n = p.length;
  const a = Matrix.zeros(n, n);
  for (let i = 0; i < points.x.length; i++) {
    const w = 1 / (points.sigma[i] ?? 1) ** 2;
    const g = jacobian(model, p, points.x[i] ?? 0);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) a.set(r, c, a.get(r, c) + w * (g[r] ?? 0) * (g[c] ?? 0));
  }
  let cov: Matrix;
  try {
    cov = inverse(a);
  } catch {
    throw new MetricError("fit-failed", "singular covariance at the minimum");
  }
  const errors = p.map((_, k) => Math.sqrt(cov.get(k, k)));
  if (!errors.every(Number.isFinite)) throw new MetricError("fit-failed", "the covariance at the minimum is not positive definite");
  return errors;
}
