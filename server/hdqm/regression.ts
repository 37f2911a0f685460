/** Ordinary least squares y = intercept + slope·x with Pearson's r (Numerical Recipes §15.2, §14.5). */
export interface Regression {
  readonly slope: number;
  readonly intercept: number;
  readonly r: number;
  readonly n: number;
}

/** NaN slope/intercept/r when fewer than two points or x is constant. */
export function linearRegression(x: ArrayLike<number>, y: ArrayLike<number>): Regression {
  const n = Math.min(x.length, y.length);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (n < 2 || sxx === 0) return { slope: Number.NaN, intercept: Number.NaN, r: Number.NaN, n };
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r: syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy), n };
}
