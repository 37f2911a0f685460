/**
 * Small builders of realistic DQM histograms from a density, with Poisson noise from a seeded
 * generator, so the demo season is the same on every machine.
 */
import type { Histogram } from "../../server/histograms/histogram";
import { gaussian, poisson, type Rng } from "../../server/compare/math/rng";

/** Moyal's approximation of the Landau density (peak at mpv, scale w). */
export function landauLike(x: number, mpv: number, w: number): number {
  const l = (x - mpv) / w;
  return Math.exp(-0.5 * (l + Math.exp(-l)));
}

export function gauss(x: number, mean: number, sigma: number): number {
  return Math.exp(-0.5 * ((x - mean) / sigma) ** 2);
}

function withStats(name: string, title: string, nbins: number, min: number, max: number, contents: Float64Array): Histogram {
  let sumw = 0;
  let sumwx = 0;
  let sumwx2 = 0;
  const w = (max - min) / nbins;
  for (let i = 1; i <= nbins; i++) {
    const c = contents[i]!;
    const x = min + (i - 0.5) * w;
    sumw += c;
    sumwx += c * x;
    sumwx2 += c * x * x;
  }
  let entries = 0;
  for (const c of contents) entries += c;
  return { kind: "TH1", name, title, x: { nbins, min, max }, contents, entries, stats: { sumw, sumw2: sumw, sumwx, sumwx2 } };
}

/** A TH1 filled with ~n entries following `pdf` (unnormalised) over [min, max]. */
export function th1FromPdf(name: string, nbins: number, min: number, max: number, n: number, pdf: (x: number) => number, rng: Rng): Histogram {
  const w = (max - min) / nbins;
  const dens = Array.from({ length: nbins }, (_, i) => Math.max(0, pdf(min + (i + 0.5) * w)));
  const total = dens.reduce((a, b) => a + b, 0) || 1;
  const contents = new Float64Array(nbins + 2);
  for (let i = 0; i < nbins; i++) contents[i + 1] = poisson((n * dens[i]!) / total, rng);
  return withStats(name, name, nbins, min, max, contents);
}

/** A TH1 whose bins hold given values (summary plots: one value per channel, efficiencies). */
export function th1FromValues(name: string, min: number, max: number, values: readonly number[], errors?: readonly number[], entries?: number): Histogram {
  const nbins = values.length;
  const contents = new Float64Array(nbins + 2);
  values.forEach((v, i) => (contents[i + 1] = v));
  const h = withStats(name, name, nbins, min, max, contents);
  if (!errors) return { ...h, ...(entries !== undefined ? { entries } : {}) };
  const sumw2 = new Float64Array(nbins + 2);
  errors.forEach((e, i) => (sumw2[i + 1] = e * e));
  return { ...h, sumw2, entries: entries ?? h.entries };
}

/** A TH2 with the given cell contents (row-major over x then y, without under/overflow). */
export function th2(name: string, nx: number, ny: number, cells: (ix: number, iy: number) => number): Histogram {
  const contents = new Float64Array((nx + 2) * (ny + 2));
  let entries = 0;
  for (let iy = 1; iy <= ny; iy++) {
    for (let ix = 1; ix <= nx; ix++) {
      const c = cells(ix, iy);
      contents[ix + (nx + 2) * iy] = c;
      entries += c;
    }
  }
  return { kind: "TH2", name, title: name, x: { nbins: nx, min: 0, max: nx }, y: { nbins: ny, min: 0, max: ny }, contents, entries };
}

/** A TProfile of y(x) with `perBin` entries per bin and spread `sigma`. */
export function profile(name: string, nbins: number, min: number, max: number, perBin: number, meanY: (x: number) => number, sigma: number, rng: Rng): Histogram {
  const contents = new Float64Array(nbins + 2);
  const sumw2 = new Float64Array(nbins + 2);
  const binEntries = new Float64Array(nbins + 2);
  const w = (max - min) / nbins;
  let entries = 0;
  for (let i = 1; i <= nbins; i++) {
    const n = poisson(perBin, rng);
    const mu = meanY(min + (i - 0.5) * w);
    // Sums of a sample of n values ~ N(mu, sigma): Σy and Σy² drawn from their distributions.
    const mean = mu + (n > 0 ? (sigma / Math.sqrt(n)) * gaussian(rng) : 0);
    contents[i] = n * mean;
    sumw2[i] = n * (mean * mean + sigma * sigma);
    binEntries[i] = n;
    entries += n;
  }
  return { kind: "TProfile", name, title: name, x: { nbins, min, max }, contents, sumw2, binEntries, errorOption: "", entries };
}
