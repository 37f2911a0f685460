/**
 * Seeded pseudo-random numbers (KS option X's pseudo-experiments, the demo season, benchmarks),
 * so results are reproducible, and the deviates drawn from them.
 * xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32; ROOT's TRandom3 sequence is
 * not reproduced, so option X agrees with ROOT statistically, not draw for draw.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return {
    next() {
      const result = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
      const t = (b << 9) >>> 0;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = ((d << 11) | (d >>> 21)) >>> 0;
      return result / 4294967296;
    },
  };
}

/** A standard normal deviate by Box–Muller: one value from two uniforms. */
export function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A Poisson deviate: Knuth's multiplication method below a mean of 30, above it the normal
 * approximation N(mean, mean) rounded and clipped at 0 (relative error of the variance < 2 %).
 */
export function poisson(mean: number, rng: Rng): number {
  if (mean <= 0) return 0;
  if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
