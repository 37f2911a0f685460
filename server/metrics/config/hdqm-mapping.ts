import type { PyCall, PyValue } from "./python-literal";

/**
 * HDQM metric classes (cms-DQM/CentralHDQM backend/metrics/{basic,fits,L1T_metrics,muon_metrics,
 * hcal_metrics}.py) mapped to
 * this library's registry: constructor arguments become named params. Positional indices of the
 * fit parameter follow each HDQM TF1 formula's parameter order.
 */

export interface MappedMetric {
  readonly function: string;
  readonly params: Record<string, unknown>;
}

type Mapper = (a: PyValue[], kw: Record<string, PyValue>) => MappedMetric;

const m = (fn: string, params: Record<string, unknown> = {}): MappedMetric => ({ function: fn, params });
const arg = (a: PyValue[], kw: Record<string, PyValue>, i: number, name: string, fallback?: PyValue): PyValue | undefined => a[i] ?? kw[name] ?? fallback;
const nth = <T extends string>(names: readonly T[], i: PyValue | undefined): T | PyValue | undefined => (typeof i === "number" ? (names[i] ?? i) : i);
const range = (a: PyValue[]): PyValue[] => [a[1] ?? null, a[2] ?? null];
const minusOne = (v: PyValue | undefined): PyValue | undefined => (typeof v === "number" ? v - 1 : v);

const GAUSS = ["mean", "sigma", "constant"] as const;
// "[2]*TMath::Landau(x,[0],[1],0)"
const LANDAU = ["mpv", "sigma", "constant"] as const;
// ROOT's predefined "landau" is [Constant]*Landau(x,[MPV],[Sigma])
const ROOT_LANDAU = ["constant", "mpv", "sigma"] as const;
const LANGAU = ["width", "mp", "area", "gsigma"] as const;

const basic: Record<string, Mapper> = {
  Mean: () => m("mean"),
  MeanRMS: () => m("mean", { error: "stdDev" }),
  StdDev: () => m("stdDev"),
  MeanYAxis: () => m("mean", { axis: "y" }),
  MeanZAxis: () => m("mean", { axis: "z" }),
  RMSXAxis: () => m("stdDev", { axis: "x" }),
  RMSYAxis: () => m("stdDev", { axis: "y" }),
  Count: () => m("entries"),
  MaxBin: () => m("maxBin"),
  BinCount: (a, kw) => m("binContent", { x: arg(a, kw, 0, "name"), noError: arg(a, kw, 1, "noError", false) }),
  BinCount2D: (a, kw) => m("binContent", { x: arg(a, kw, 0, "xbin"), y: arg(a, kw, 1, "ybin"), normalizeError: arg(a, kw, 2, "normErr", true) }),
  BinRatio2D: (a) => m("binRatio2D", { numerator: [a[0], a[1]], denominator: [a[2], a[3]] }),
  Bin2DRatio: (a, kw) => m("bin2DRatio", { x: arg(a, kw, 0, "xbin"), y: arg(a, kw, 1, "ybin"), normalizeByEntries: arg(a, kw, 2, "normEntries", true) }),
  Fraction: (a, kw) => m("fractionInRange", { low: arg(a, kw, 0, "low"), high: arg(a, kw, 1, "high") }),
  Fraction1: (a, kw) => m("fractionInRange", { low: arg(a, kw, 0, "low"), high: arg(a, kw, 1, "high"), complement: true, denominator: "integralWithFlow" }),
  Ratio: (a, kw) => m("rangeRatio", { low: arg(a, kw, 0, "low"), high: arg(a, kw, 1, "high") }),
  Ratio1: (a, kw) => m("rangeRatio", { low: arg(a, kw, 0, "low"), high: arg(a, kw, 1, "high"), inverse: true }),
  FractionInBin: (a, kw) => m("fractionInBin", { bin: arg(a, kw, 0, "bin") }),
  BinsCount: (a, kw) => m("countFrom", { bin: arg(a, kw, 0, "startBin") }),
  EntriesCount: (a, kw) => m("countFrom", { x: arg(a, kw, 0, "startValue") }),
  ProfileMean: () => m("profileMean"),
  MeanYForXBin: (a, kw) => m("meanYForXBin", { xBin: arg(a, kw, 0, "xbin") }),
  MeanDiff: () => m("meanDifference"),
  Kolmogorov: () => m("kolmogorov"),
  Chi2: () => m("chi2"),
  NormChi2: () => m("normalizedChi2"),
  Quantile: (a, kw) => m("quantile", { fraction: arg(a, kw, 0, "frac", 0.95) }),
  MaxExcursion: () => m("maxExcursion"),
  ROCfraction: (a, kw) => m("binPercent", { bin: arg(a, kw, 0, "name"), total: arg(a, kw, 1, "tot"), noError: arg(a, kw, 2, "noError", false) }),
  StripBadComponent: (a, kw) => m("binSumPercent", { xBins: arg(a, kw, 0, "binsx"), yBin: arg(a, kw, 1, "biny"), norm: arg(a, kw, 2, "norm") }),
  FED25ErrorFraction: (a, kw) => m("cellsAboveMaxFraction", { fraction: arg(a, kw, 0, "thr"), norm: arg(a, kw, 1, "norm"), error: arg(a, kw, 2, "normErr", true) }),
  FractionInBinArray: (a, kw) => m("binSetRatio", { numerator: arg(a, kw, 0, "binsnum"), denominator: arg(a, kw, 1, "binsden") }),
  MeanPosOnly: () => m("nonNegativeMean", { yBins: [1, 1] }),
  // range(xmin, xmax) in HDQM: the last column is xmax − 1.
  MeanXRange: (a, kw) => m("nonNegativeMean", { xBins: [arg(a, kw, 0, "xmin"), minusOne(arg(a, kw, 1, "xmax"))] }),
  MeanY: () => m("sumOfWeightsPerEntry"),
  ProfileMeanBPixModules: (a, kw) => m("bpixModuleMean", { module: arg(a, kw, 0, "modNum") }),
  RecoFraction: (a, kw) => m("recoFraction", { bin: arg(a, kw, 0, "name"), noError: arg(a, kw, 1, "noError", false) }),
  PixelEfficiency: () => m("pixelEfficiency"),
  PixelDigiPerClusterPix: () => m("digisPerCluster"),
  EntriesRate: (a, kw) => m("entriesRate", { x: arg(a, kw, 0, "startValue") }),
};

const fits: Record<string, Mapper> = {
  Gaussian: (a) => m("gaussianFit", { parameter: nth(GAUSS, a[0]), range: range(a), initial: a[3] }),
  Landau: (a) => m("landauFit", { parameter: nth(LANDAU, a[0]), range: range(a), initial: a[3] }),
  LandauAroundMax: (a) => m("landauAroundMax", { parameter: nth(LANDAU, a[0]), lowFraction: a[1], highFraction: a[2], upperCut: a[3] }),
  LandauAroundMaxBin: (a) => m("landauAroundMaxBin", { parameter: nth(ROOT_LANDAU, a[0]), halfWidth: a[1] }),
  // HDQM's LanGau reported the fitted curve's maximum with the error of the chosen parameter.
  LanGau: (a) => m("langauFit", { range: range(a), initial: a[4], value: "peak", errorFrom: nth(LANGAU, a[0]) }),
  FlatLine: (a) => m("flatLine", { range: range(a), initial: a[3] }),
};

const l1t: Record<string, Mapper> = {
  TurnOnCurveEffPoint: (a, kw) => m("turnOnPoint", { efficiency: arg(a, kw, 0, "eff_point") }),
  TurnOnCurveHalfWidth: () => m("turnOnWidth"),
  TurnOnPlateauEff: () => m("turnOnPlateau"),
  EffMean: () => m("efficiencyMean"),
  EffVariance: () => m("efficiencyStdDev"),
  TurnOnCurveRange: () => m("turnOnRange"),
};

const muon: Record<string, Mapper> = {
  MeanCh: (a, kw) => m("meanOverX", { yBin: arg(a, kw, 0, "ch") }),
  NOutsideRange: (a, kw) => m("countOutsideRange", { low: arg(a, kw, 0, "low"), high: arg(a, kw, 1, "high") }),
};

const hcal: Record<string, Mapper> = {
  RBXMean: (a, kw) => m("rbxMean", { rbx: arg(a, kw, 0, "name"), depths: arg(a, kw, 1, "depth") }),
  RBXCountNonZeroChan: (a, kw) => m("rbxCountNonZero", { rbx: arg(a, kw, 0, "name"), depths: arg(a, kw, 1, "depth") }),
};

const modules: Record<string, Record<string, Mapper>> = { basic, fits, L1T_metrics: l1t, muon_metrics: muon, hcal_metrics: hcal };

/**
 * The mapping of a parsed HDQM expression, or undefined when the module or class has none. The
 * mapping itself may throw on arguments it cannot read; absent optional arguments are dropped so
 * the registry's defaults apply.
 */
export function hdqmMapper(call: PyCall): (() => MappedMetric) | undefined {
  const mapper = modules[call.module]?.[call.name];
  if (!mapper) return undefined;
  return () => {
    const mapped = mapper(call.args, call.kwargs);
    const params = Object.fromEntries(Object.entries(mapped.params).filter(([, v]) => v !== undefined && v !== null));
    return { function: mapped.function, params };
  };
}

/** Every HDQM `module.Class` this library maps. */
export function mappedHdqmFunctions(): string[] {
  return Object.entries(modules).flatMap(([mod, classes]) => Object.keys(classes).map((c) => `${mod}.${c}`));
}
