import { gaus, landau } from "../landau";

/** Fit models, with the parameter order of the TF1 formulas HDQM used (backend/metrics/fits.py). */

/** "[2]*TMath::Gaus(x,[0],[1],0)": mean, sigma, constant. */
export const gaussModel = (p: readonly number[], x: number): number => (p[2] ?? 0) * gaus(x, p[0] ?? 0, p[1] ?? 1);

/** "[2]*TMath::Landau(x,[0],[1],0)": mpv, sigma, constant. */
export const landauModel = (p: readonly number[], x: number): number => (p[2] ?? 0) * landau(x, p[0] ?? 0, p[1] ?? 1);

/** "pol0": the constant. */
export const flatModel = (p: readonly number[]): number => p[0] ?? 0;

const MP_SHIFT = -0.22278298; // location of the maximum of φ(v)
const STEPS = 100; // convolution steps
const SPAN = 5; // convolution range in Gaussian σ
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Landau ⊗ Gaussian, ROOT tutorial tutorials/fit/langaus.C (langaufun, after R. Frühwirth):
 * parameters width (Landau scale), mp (most probable value, shift-corrected), area, gsigma.
 * The convolution ∫ φ((t − mpc)/w)/w · N(x; t, gσ) dt is a midpoint sum over x ± 5σ in 100 steps,
 * with mpc = mp − MP_SHIFT·w so that mp is the Landau's true maximum.
 */
export const langauModel = (p: readonly number[], x: number): number => {
  const [width = 1, mp = 0, area = 0, gsigma = 1] = p;
  if (width <= 0 || gsigma <= 0) return 0;
  const mpc = mp - MP_SHIFT * width;
  const lo = x - SPAN * gsigma;
  const step = (2 * SPAN * gsigma) / STEPS;
  let sum = 0;
  for (let i = 0; i < STEPS; i++) {
    const t = lo + (i + 0.5) * step;
    sum += (landau(t, mpc, width) / width) * gaus(x, t, gsigma);
  }
  return (area * step * sum * INV_SQRT_2PI) / gsigma;
};
