/**
 * The parameters each test takes on the command line: dqmflow's name (the configuration file's),
 * the names CMSSW's QTest XML (QTestConfigure.cc) or ROOT's option string and AutoDQM's plugin
 * arguments give the same parameter (accepted as aliases), its type and what it does. `--param
 * key=value` is resolved here; an unknown key is refused with the list of known ones.
 */
import type { TestName } from "../config/test-config";

type Kind = "number" | "integer" | "boolean" | "string";

export interface ParamDoc {
  readonly name: string;
  readonly kind: Kind;
  readonly aliases?: readonly string[];
  /** Accepted values of a string parameter. */
  readonly values?: readonly string[];
  readonly help: string;
  /** Writes the value into the request's params (default: params[name] = value). */
  readonly apply?: (params: Record<string, unknown>, value: unknown) => void;
}

export interface TestDoc {
  readonly summary: string;
  readonly needsReference: boolean;
  readonly params: readonly ParamDoc[];
}

const num = (name: string, help: string, aliases?: string[]): ParamDoc => ({ name, kind: "number", help, ...(aliases ? { aliases } : {}) });
const int = (name: string, help: string, aliases?: string[]): ParamDoc => ({ name, kind: "integer", help, ...(aliases ? { aliases } : {}) });
const bool = (name: string, help: string, aliases?: string[]): ParamDoc => ({ name, kind: "boolean", help, ...(aliases ? { aliases } : {}) });

/** A [min, max] pair written as one parameter or as its two CMSSW halves. */
function rangeParams(name: string, lo: string, hi: string, help: string): ParamDoc[] {
  const half = (i: 0 | 1) => (params: Record<string, unknown>, value: unknown): void => {
    // The other half reads as 0 when not given, as QTestConfigure's findOrDefault(…, "0").
    const r = Array.isArray(params[name]) ? [...(params[name] as unknown[])] : [0, 0];
    r[i] = value;
    params[name] = r;
  };
  return [
    { name, kind: "string", help: `${help} as "min,max"`, apply: (p, v) => (p[name] = String(v).split(",").map(Number)) },
    { name: lo, kind: "number", help: `lower end of ${name} (CMSSW)`, apply: half(0) },
    { name: hi, kind: "number", help: `upper end of ${name} (CMSSW)`, apply: half(1) },
  ];
}

const pseudo: ParamDoc[] = [
  {
    name: "pseudo",
    kind: "integer",
    aliases: ["X"],
    help: "option X: p-value from this many pseudo-experiments (ROOT: 1000), drawn as ROOT draws them",
    apply: (p, v) => (p.pseudoExperiments = { ...(p.pseudoExperiments as object), count: v }),
  },
  { name: "seed", kind: "integer", help: "seed of option X's pseudo-experiments (default 1; needs pseudo)", apply: (p, v) => (p.pseudoExperiments = { ...(p.pseudoExperiments as object), seed: v }) },
];

const autodqmCuts = (chi2: number, pull: number, minEntries: number): ParamDoc[] => [
  num("chi2Cut", `outlier when χ² exceeds this (AutoDQM default ${chi2})`, ["chi2_cut"]),
  num("pullCut", `outlier when the max |pull| exceeds this (AutoDQM default ${pull})`, ["pull_cut"]),
  num("minEntries", `fewer data entries give INSUF_STAT (AutoDQM default ${minEntries})`, ["min_entries"]),
];

export const TEST_DOCS: Record<TestName, TestDoc> = {
  chi2: {
    summary: "ROOT TH1::Chi2Test (Gagunashvili), p-value thresholded like Comp2RefChi2",
    needsReference: true,
    params: [
      { name: "mode", kind: "string", values: ["UU", "UW", "WW"], help: "UU both unweighted, UW unweighted vs weighted, WW both weighted (default: deduced from the errors)" },
      bool("norm", "ROOT option NORM: the histograms are scaled; compare them as normalised counts", ["NORM"]),
      bool("uf", "include the underflow bin (ROOT option UF)", ["UF"]),
      bool("of", "include the overflow bin (ROOT option OF)", ["OF"]),
    ],
  },
  kolmogorov: {
    summary: "ROOT TH1::KolmogorovTest, p-value thresholded like Comp2RefKolmogorov",
    needsReference: true,
    params: [
      { name: "ksNorm", kind: "boolean", aliases: ["N"], help: "ROOT option N: combine with the probability of the normalisation difference (the configuration's kolmogorov `norm`)", apply: (p, v) => (p.norm = v) },
      bool("maxDist", "ROOT option M: the result is the distance D; --warning/--error are then distances (WARNING when D > warning, ERROR when D > error)", ["M"]),
      bool("uf", "include the underflow bin (ROOT option U)", ["U"]),
      bool("of", "include the overflow bin (ROOT option O)", ["O"]),
      ...pseudo,
    ],
  },
  ContentsXRange: { summary: "fraction of entries with bin centre in [xmin, xmax]", needsReference: false, params: [num("xmin", "lower edge (default: the axis)"), num("xmax", "upper edge (default: the axis)")] },
  ContentsYRange: {
    summary: "fraction of bins whose content is in [ymin, ymax]",
    needsReference: false,
    params: [num("ymin", "lowest allowed content"), num("ymax", "highest allowed content"), bool("useEmptyBins", "check empty bins too (false: the AS variant, empty bins pass)")],
  },
  DeadChannel: { summary: "fraction of bins with content above the threshold", needsReference: false, params: [num("threshold", "a bin at or below this is dead")] },
  NoisyChannel: {
    summary: "fraction of bins not noisy against the mean of their neighbours",
    needsReference: false,
    params: [num("tolerance", "noisy when (content − mean)/|mean| exceeds this (a float, as in CMSSW)"), int("neighbours", "neighbours on each side (0 keeps CMSSW's 1)", ["neighbors"])],
  },
  ContentSigma: {
    summary: "fraction of blocks not noisy/dead against their neighbours' Poisson spread",
    needsReference: false,
    params: [
      num("toleranceNoisy", "noisy below this one-sided normal tail (σ)"),
      num("toleranceDead", "dead below this one-sided normal tail (σ)"),
      bool("noisy", "look for noisy blocks"),
      bool("dead", "look for dead blocks"),
      int("xBlocks", "blocks along x (999: one per bin)", ["Xblocks"]),
      int("yBlocks", "blocks along y (999: one per bin)", ["Yblocks"]),
      int("neighboursX", "neighbour blocks along x (999: 0; 0 keeps CMSSW's 1)", ["neighborsX"]),
      int("neighboursY", "neighbour blocks along y (999: 0; 0 keeps CMSSW's 1)", ["neighborsY"]),
      int("xMin", "first x bin (0: the axis)"),
      int("xMax", "last x bin (0: the axis)"),
      int("yMin", "first y bin (0: the axis)"),
      int("yMax", "last y bin (0: the axis)"),
    ],
  },
  MeanWithinExpected: {
    summary: "the mean against an expected value (χ² probability) or a range (0/1)",
    needsReference: false,
    params: [
      { name: "mode", kind: "string", values: ["sigma", "rms", "range"], help: "sigma: pull with the given σ; rms: pull with the histogram's RMS; range: 1 inside [xmin, xmax]" },
      num("mean", "expected mean (sigma, rms)"),
      num("sigma", "expected σ (sigma mode)"),
      num("xmin", "lower edge (range mode)"),
      num("xmax", "upper edge (range mode)"),
      int("minEntries", "fewer entries: the test does not run"),
      { name: "useSigma", kind: "number", help: "CMSSW: mode sigma with this σ", apply: (p, v) => Object.assign(p, { mode: "sigma", sigma: v }) },
      { name: "useRMS", kind: "boolean", help: "CMSSW: mode rms", apply: (p, v) => v && (p.mode = "rms") },
      { name: "useRange", kind: "boolean", help: "CMSSW: mode range", apply: (p, v) => v && (p.mode = "range") },
    ],
  },
  ContentsWithinExpected: {
    summary: "fraction of bins whose mean/RMS are in range and near the average",
    needsReference: false,
    params: [
      bool("useEmptyBins", "the normal test (false: the AS variant on non-empty TH2 bins)"),
      int("minEntries", "profile bins with fewer than minEntries/nbins entries are skipped"),
      ...rangeParams("meanRange", "minMean", "maxMean", "allowed bin content (profile: mean)"),
      ...rangeParams("rmsRange", "minRMS", "maxRMS", "allowed bin error (profile: RMS)"),
      num("toleranceMean", "fails when |mean − average| > toleranceMean·|average|"),
    ],
  },
  CompareToMedian: {
    summary: "TProfile2D: each bin against the median of its x column",
    needsReference: false,
    params: [
      num("min", "lowest allowed bin/median", ["MinRel"]),
      num("max", "highest allowed bin/median", ["MaxRel"]),
      num("minMedian", "lowest allowed median (absolute)", ["MinAbs"]),
      num("maxMedian", "highest allowed median (absolute)", ["MaxAbs"]),
      bool("useEmptyBins", "include empty bins in the median", ["UseEmptyBins"]),
      num("statCut", "skip columns with median·entries below this", ["StatCut"]),
    ],
  },
  CompareLastFilledBin: {
    summary: "the last bin above `average` within (min, max]",
    needsReference: false,
    params: [num("min", "lower limit", ["MinVal"]), num("max", "upper limit", ["MaxVal"]), num("average", "a bin counts as filled above this", ["AvVal"])],
  },
  CheckVariance: { summary: "the standard deviation of the bin contents (no verdict of its own)", needsReference: false, params: [] },
  Comp2RefEqualH: { summary: "1 when the contents equal the reference's", needsReference: true, params: [] },
  Comp2RefChi2: { summary: "CMSSW's own χ² against the reference", needsReference: true, params: [] },
  Comp2RefKolmogorov: { summary: "CMSSW's KS against the reference", needsReference: true, params: [] },
  pullValues: {
    summary: "AutoDQM pull values (TH2/TProfile2D): χ² = Σpull²/nbins and max |pull|",
    needsReference: true,
    params: [
      {
        name: "normalisation",
        kind: "string",
        aliases: ["norm_type"],
        values: ["whole", "row", "column", "all", "col"],
        help: "scale the data to the reference as a whole, per row or per column (AutoDQM: all, row, col)",
        apply: (p, v) => (p.normalisation = v === "all" ? "whole" : v === "col" ? "column" : v),
      },
      num("pullCap", "pulls drawn clamped to ±pullCap (AutoDQM default 25)", ["pull_cap"]),
      ...autodqmCuts(500, 20, 10000),
      bool("allow1D", "dqmflow only: accept histograms other than a TH2 or TProfile2D pair"),
    ],
  },
  betaBinomial: {
    summary: "AutoDQM beta-binomial pulls against one or more references",
    needsReference: true,
    params: [num("tolerance", "relative tolerance shrinking the reference (AutoDQM default 0.01)", ["tol"]), ...autodqmCuts(10, 10, 1)],
  },
};

export const TEST_NAMES = Object.keys(TEST_DOCS) as TestName[];

export class ParamError extends Error {
  override readonly name = "ParamError";
}

function parseValue(p: ParamDoc, raw: string, test: string): unknown {
  const bad = (what: string): never => {
    throw new ParamError(`${test}: ${p.name} takes ${what}, not '${raw}'`);
  };
  switch (p.kind) {
    case "boolean":
      if (raw === "true" || raw === "1") return true;
      if (raw === "false" || raw === "0") return false;
      return bad("true/false (or 1/0)");
    case "number":
    case "integer": {
      const n = raw.trim() === "" ? Number.NaN : Number(raw);
      if (!Number.isFinite(n)) return bad("a number");
      if (p.kind === "integer" && !Number.isInteger(n)) return bad("a whole number");
      return n;
    }
    case "string":
      if (p.values && !p.values.includes(raw)) return bad(`one of ${p.values.join(", ")}`);
      return raw;
  }
}

/** The parameter a key names for a test: its name or an alias, exactly or ignoring case when that is unambiguous. */
export function findParam(test: TestName, key: string): ParamDoc | undefined {
  const params = TEST_DOCS[test].params;
  const exact = params.find((p) => p.name === key || p.aliases?.includes(key));
  if (exact) return exact;
  const lower = key.toLowerCase();
  const loose = params.filter((p) => p.name.toLowerCase() === lower || p.aliases?.some((a) => a.toLowerCase() === lower));
  return loose.length === 1 ? loose[0] : undefined;
}

export function knownParams(test: TestName): string {
  const ps = TEST_DOCS[test].params;
  return ps.length ? ps.map((p) => (p.aliases?.length ? `${p.name} (${p.aliases.join(", ")})` : p.name)).join(", ") : "none";
}

/** Applies one `key=value` to params; throws ParamError naming the known parameters when the key is not one. */
export function applyParam(test: TestName, params: Record<string, unknown>, key: string, raw: string): void {
  const p = findParam(test, key);
  if (!p) throw new ParamError(`${test} has no parameter '${key}'. Known: ${knownParams(test)}`);
  const value = parseValue(p, raw, test);
  if (p.apply) p.apply(params, value);
  else params[p.name] = value;
}

export function isTestName(s: string): s is TestName {
  return (TEST_NAMES as string[]).includes(s);
}
