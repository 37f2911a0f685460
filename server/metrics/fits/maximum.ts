/**
 * x of a function's maximum on [a, b], as TF1::GetMaximumX finds it (hist/hist/src/TF1.cxx):
 * a coarse grid to bracket the peak, then a bracketing refinement (here golden-section search).
 */
export function maximumOf(f: (x: number) => number, a: number, b: number, gridPoints = 200): number {
  let best = a;
  let fBest = -Infinity;
  const dx = (b - a) / gridPoints;
  for (let i = 0; i <= gridPoints; i++) {
    const x = a + i * dx;
    const v = f(x);
    if (v > fBest) {
      fBest = v;
      best = x;
    }
  }
  let lo = Math.max(a, best - dx);
  let hi = Math.min(b, best + dx);
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  while (hi - lo > 1e-12 * Math.max(1, Math.abs(lo))) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    }
  }
  return (lo + hi) / 2;
}
