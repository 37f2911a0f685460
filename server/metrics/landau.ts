/**
 * ROOT's Landau density, TMath::Landau(x, mpv, sigma, norm) (math/mathcore/src/TMath.cxx), which
 * evaluates ROOT::Math::landau_pdf (math/mathcore/src/PdfFuncMathCore.cxx): the CERNLIB G110
 * DENLAN rational approximations of φ(v), v = (x − mpv)/σ, piecewise on v.
 * Not normalised (norm = false) it returns φ(v); normalised, φ(v)/σ.
 * Note `mpv` is a location parameter: φ peaks at v ≈ −0.22278298.
 */

const P1 = [0.4259894875, -0.124976255, 0.039842437, -0.006298287635, 0.001511162253];
const Q1 = [1.0, -0.3388260629, 0.09594393323, -0.01608042283, 0.003778942063];
const P2 = [0.1788541609, 0.1173957403, 0.01488850518, -0.001394989411, 0.0001283617211];
const Q2 = [1.0, 0.7428795082, 0.3153932961, 0.06694219548, 0.008790609714];
const P3 = [0.1788544503, 0.09359161662, 0.006325387654, 0.00006611667319, -0.000002031049101];
const Q3 = [1.0, 0.6097809921, 0.2560616665, 0.04746722384, 0.006957301675];
const P4 = [0.9874054407, 118.6723273, 849.279436, -743.7792444, 427.0262186];
const Q4 = [1.0, 106.8615961, 337.6496214, 2016.712389, 1597.063511];
const P5 = [1.003675074, 167.5702434, 4789.711289, 21217.86767, -22324.9491];
const Q5 = [1.0, 156.9424537, 3745.310488, 9834.698876, 66924.28357];
const P6 = [1.000827619, 664.9143136, 62972.92665, 475554.6998, -5743609.109];
const Q6 = [1.0, 651.4101098, 56974.73333, 165917.4725, -2815759.939];
const A1 = [0.04166666667, -0.01996527778, 0.02709538966];
const A2 = [-1.84556867, -4.284640743];

/** Horner evaluation of a degree-4 polynomial. */
function poly(c: readonly number[], t: number): number {
  return (c[0] ?? 0) + ((c[1] ?? 0) + ((c[2] ?? 0) + ((c[3] ?? 0) + (c[4] ?? 0) * t) * t) * t) * t;
}

function ratio(p: readonly number[], q: readonly number[], t: number): number {
  return poly(p, t) / poly(q, t);
}

/** φ(v), the standard Landau density (CERNLIB DENLAN). */
export function landauDensity(v: number): number {
  if (v < -5.5) {
    const u = Math.exp(v + 1);
    if (u < 1e-10) return 0;
    const a = (A1[0] ?? 0) + ((A1[1] ?? 0) + (A1[2] ?? 0) * u) * u;
    return 0.3989422803 * (Math.exp(-1 / u) / Math.sqrt(u)) * (1 + a * u);
  }
  if (v < -1) {
    const u = Math.exp(-v - 1);
    return Math.exp(-u) * Math.sqrt(u) * ratio(P1, Q1, v);
  }
  if (v < 1) return ratio(P2, Q2, v);
  if (v < 5) return ratio(P3, Q3, v);
  if (v < 300) {
    const u = 1 / v;
    const [p, q] = v < 12 ? [P4, Q4] : v < 50 ? [P5, Q5] : [P6, Q6];
    return u * u * ratio(p, q, u);
  }
  const u = 1 / (v - (v * Math.log(v)) / (v + 1));
  return u * u * (1 + ((A2[0] ?? 0) + (A2[1] ?? 0) * u) * u);
}

/** TMath::Landau(x, mpv, sigma, norm). Zero for σ ≤ 0, as in ROOT. */
export function landau(x: number, mpv: number, sigma: number, norm = false): number {
  if (sigma <= 0) return 0;
  const d = landauDensity((x - mpv) / sigma);
  return norm ? d / sigma : d;
}

/** TMath::Gaus(x, mean, sigma, norm = false): exp(−½((x−mean)/σ)²). */
export function gaus(x: number, mean: number, sigma: number): number {
  if (sigma === 0) return x === mean ? 1 : 0;
  const t = (x - mean) / sigma;
  return Math.exp(-0.5 * t * t);
}
