/**
 * ROOT's per-bin and summary accessors over the Histogram model, for code that must agree with
 * ROOT on profiles and on statistics (quality tests, displays).
 */
import { binCenter, binErrorSquared, cellsAlong, type Histogram } from "./histogram";

/** TH1::GetBinContent; for profiles the bin mean Σwy/Σw (0 for an empty bin) — TProfile::RetrieveBinContent. */
export function binContent(h: Histogram, cell: number): number {
  const c = h.contents[cell] ?? 0;
  if (!h.binEntries) return c;
  const w = h.binEntries[cell] ?? 0;
  return w === 0 ? 0 : c / w;
}

/** TProfile::GetBinEffectiveEntries: (Σw)²/Σw², or Σw when the profile is unweighted. */
export function binEffectiveEntries(h: Histogram, cell: number): number {
  const w = h.binEntries?.[cell] ?? 0;
  const w2 = h.binSumw2?.[cell];
  if (w2 === undefined || h.binSumw2?.length === 0) return w;
  return w2 > 0 ? (w * w) / w2 : 0;
}

/**
 * TH1::GetBinError, and for profiles TProfileHelper::GetBinError (ROOT hist/hist/src/TProfileHelper.h):
 * spread eprim = √|Σwy²/Σw − (Σwy/Σw)²|, error of the mean eprim/√neff ("" option), spread ("s"),
 * spread or 1/√(12 neff) ("i"), 1/√Σw ("g"). A zero-spread bin borrows the profile's global spread.
 */
export function binError(h: Histogram, cell: number): number {
  if (!h.binEntries) return Math.sqrt(binErrorSquared(h, cell));
  const sum = h.binEntries[cell] ?? 0;
  if (sum === 0) return 0;
  const cont = h.contents[cell] ?? 0;
  const err2 = h.sumw2?.[cell] ?? 0;
  const neff = binEffectiveEntries(h, cell);
  const mean = cont / sum;
  let eprim = Math.sqrt(Math.abs(err2 / sum - mean * mean));
  if (eprim <= 0) {
    let scont = 0;
    let ssum = 0;
    let serr2 = 0;
    for (let i = 1; i < h.contents.length; i++) {
      scont += h.contents[i] ?? 0;
      ssum += h.binEntries[i] ?? 0;
      serr2 += h.sumw2?.[i] ?? 0;
    }
    eprim = ssum > 0 ? Math.sqrt(Math.abs(serr2 / ssum - (scont / ssum) ** 2)) : 0;
  }
  switch (h.errorOption ?? "") {
    case "s":
      return eprim;
    case "i":
      return eprim !== 0 ? eprim / Math.sqrt(neff) : 1 / Math.sqrt(12 * neff);
    case "g":
      return 1 / Math.sqrt(Math.abs(sum));
    default:
      return eprim / Math.sqrt(neff);
  }
}

/** Σw, Σwx, Σwx² along x over bins 1..n (TH1::GetStats when the stored sums are absent). */
function xMoments(h: Histogram): { sumw: number; sumwx: number; sumwx2: number } {
  if (h.stats && h.stats.sumw !== 0) return h.stats;
  const nx = h.x.nbins;
  const ny = h.y ? h.y.nbins : 0;
  const stride = cellsAlong(h.x);
  let sumw = 0;
  let sumwx = 0;
  let sumwx2 = 0;
  for (let iy = h.y ? 1 : 0; iy <= ny; iy++) {
    for (let ix = 1; ix <= nx; ix++) {
      const w = h.contents[ix + stride * iy] ?? 0;
      const x = binCenter(h.x, ix);
      sumw += w;
      sumwx += w * x;
      sumwx2 += w * x * x;
    }
  }
  return { sumw, sumwx, sumwx2 };
}

/** TH1::GetMean(1). */
export function histogramMean(h: Histogram): number {
  const m = xMoments(h);
  return m.sumw === 0 ? 0 : m.sumwx / m.sumw;
}

/** TH1::GetStdDev(1) (GetRMS): √|Σwx²/Σw − mean²|. */
export function histogramStdDev(h: Histogram): number {
  const m = xMoments(h);
  if (m.sumw === 0) return 0;
  const mean = m.sumwx / m.sumw;
  return Math.sqrt(Math.abs(m.sumwx2 / m.sumw - mean * mean));
}
