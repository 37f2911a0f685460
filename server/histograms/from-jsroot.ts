/**
 * Converts histogram objects as jsroot returns them (from a ROOT file or from JSROOT JSON) into
 * the shared Histogram model. jsroot's objects mirror ROOT's streamers: fArray holds the cells
 * including under/overflow, fSumw2 the squared weights (empty when unweighted), profiles add
 * fBinEntries and fBinSumw2.
 */
import type { Axis, Histogram, HistogramKind, HistogramStats } from "./histogram";
import { HistogramFormatError } from "./errors";

/** The subset of a jsroot TAxis we read. */
interface JsrootAxis {
  fNbins: number;
  fXmin: number;
  fXmax: number;
  fXbins?: ArrayLike<number> | null;
  fLabels?: { arr?: { fString?: string; fUniqueID?: number }[] } | null;
}

/** The subset of a jsroot TH1/TH2/TProfile/TProfile2D we read. */
export interface JsrootHistogram {
  _typename: string;
  fName?: string;
  fTitle?: string;
  fXaxis: JsrootAxis;
  fYaxis?: JsrootAxis;
  fArray: ArrayLike<number>;
  fSumw2?: ArrayLike<number> | null;
  fBinEntries?: ArrayLike<number> | null;
  fBinSumw2?: ArrayLike<number> | null;
  fErrorMode?: number;
  fEntries?: number;
  fTsumw?: number;
  fTsumw2?: number;
  fTsumwx?: number;
  fTsumwx2?: number;
  fTsumwy?: number;
  fTsumwy2?: number;
  fTsumwxy?: number;
}

const SUPPORTED: Record<string, HistogramKind> = {
  TH1F: "TH1",
  TH1D: "TH1",
  TH1I: "TH1",
  TH1S: "TH1",
  TH1C: "TH1",
  TH2F: "TH2",
  TH2D: "TH2",
  TH2I: "TH2",
  TH2S: "TH2",
  TProfile: "TProfile",
  TProfile2D: "TProfile2D",
};

/** ROOT's TProfile::fErrorMode enum (kERRORMEAN, kERRORSPREAD, kERRORSPREADI, kERRORSPREADG) as option letters. */
const ERROR_OPTIONS = ["", "s", "i", "g"];

export function isSupportedClass(typename: string): boolean {
  return typename in SUPPORTED;
}

function toAxis(a: JsrootAxis | undefined, what: string): Axis {
  if (!a || !Number.isInteger(a.fNbins) || a.fNbins < 1) throw new HistogramFormatError(`${what}: missing or empty axis`);
  const edges = a.fXbins && a.fXbins.length === a.fNbins + 1 ? Float64Array.from(a.fXbins) : undefined;
  const labelled = a.fLabels?.arr?.filter((l) => typeof l.fString === "string") ?? [];
  let labels: string[] | undefined;
  if (labelled.length > 0) {
    // fUniqueID of each TObjString is its bin number (TAxis::SetBinLabel).
    labels = Array.from({ length: a.fNbins }, () => "");
    labelled.forEach((l, i) => {
      const bin = l.fUniqueID && l.fUniqueID > 0 ? l.fUniqueID : i + 1;
      if (bin <= a.fNbins) labels![bin - 1] = l.fString ?? "";
    });
  }
  return {
    nbins: a.fNbins,
    min: edges ? (edges[0] ?? a.fXmin) : a.fXmin,
    max: edges ? (edges[a.fNbins] ?? a.fXmax) : a.fXmax,
    ...(edges ? { edges } : {}),
    ...(labels ? { labels } : {}),
  };
}

function cellArray(src: ArrayLike<number> | null | undefined, cells: number, what: string): Float64Array | undefined {
  if (!src || src.length === 0) return undefined;
  if (src.length !== cells) throw new HistogramFormatError(`${what}: expected ${cells} cells, found ${src.length}`);
  return Float64Array.from(src);
}

/** Builds a Histogram from a jsroot object; throws HistogramFormatError for unsupported or inconsistent input. */
export function fromJsroot(obj: JsrootHistogram): Histogram {
  const kind = SUPPORTED[obj._typename];
  if (!kind) throw new HistogramFormatError(`unsupported class ${obj._typename}`);
  const name = obj.fName ?? "";
  const x = toAxis(obj.fXaxis, `${name} x`);
  const twoD = kind === "TH2" || kind === "TProfile2D";
  const y = twoD ? toAxis(obj.fYaxis, `${name} y`) : undefined;
  const cells = (x.nbins + 2) * (y ? y.nbins + 2 : 1);
  const contents = cellArray(obj.fArray, cells, `${name} contents`);
  if (!contents) throw new HistogramFormatError(`${name}: no bin contents`);
  const sumw2 = cellArray(obj.fSumw2, cells, `${name} sumw2`);
  const profile = kind === "TProfile" || kind === "TProfile2D";
  const binEntries = profile ? cellArray(obj.fBinEntries, cells, `${name} bin entries`) : undefined;
  if (profile && !binEntries) throw new HistogramFormatError(`${name}: profile without bin entries`);
  const binSumw2 = profile ? cellArray(obj.fBinSumw2, cells, `${name} bin sumw2`) : undefined;
  const stats = readStats(obj);
  return {
    kind,
    name,
    title: obj.fTitle ?? "",
    x,
    ...(y ? { y } : {}),
    contents,
    ...(sumw2 ? { sumw2 } : {}),
    ...(binEntries ? { binEntries } : {}),
    ...(binSumw2 ? { binSumw2 } : {}),
    ...(profile ? { errorOption: ERROR_OPTIONS[obj.fErrorMode ?? 0] ?? "" } : {}),
    entries: obj.fEntries ?? 0,
    ...(stats ? { stats } : {}),
  };
}

function readStats(o: JsrootHistogram): HistogramStats | undefined {
  if (typeof o.fTsumw !== "number" || typeof o.fTsumw2 !== "number") return undefined;
  return {
    sumw: o.fTsumw,
    sumw2: o.fTsumw2,
    sumwx: o.fTsumwx ?? 0,
    sumwx2: o.fTsumwx2 ?? 0,
    ...(typeof o.fTsumwy === "number" ? { sumwy: o.fTsumwy, sumwy2: o.fTsumwy2 ?? 0, sumwxy: o.fTsumwxy ?? 0 } : {}),
  };
}
