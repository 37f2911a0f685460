/**
 * Runs one configured test on a monitor element (and its references), and a whole configuration
 * on a set of MEs. Never throws for bad input: every failure is a result with a status.
 */
import type { Histogram } from "../histograms/histogram";
import { betaBinomial } from "./autodqm/beta-binomial";
import { pullValues } from "./autodqm/pull-values";
import { chi2Test } from "./chi2-test";
import { matchesGlob } from "./config/glob";
import type { TestConfig, TestSpec } from "./config/test-config";
import { kolmogorovTest } from "./kolmogorov-test";
import { compareLastFilledBin, checkVariance } from "./qtests/bin-checks";
import { comp2RefChi2, comp2RefEqualH, comp2RefKolmogorov } from "./qtests/comp2ref";
import { compareToMedian } from "./qtests/compare-to-median";
import { contentSigma } from "./qtests/content-sigma";
import { contentsWithinExpected } from "./qtests/contents-within-expected";
import { contentsXRange, contentsYRange, deadChannel } from "./qtests/contents-range";
import { meanWithinExpected } from "./qtests/mean-within-expected";
import { noisyChannel } from "./qtests/noisy-channel";
import type { TestResult } from "./result";
import { failed } from "./result";
import { statusFromScore } from "./status";

/** Applies thresholds to a p-value-style statistic test (chi2, kolmogorov), as Comp2Ref* would. */
function thresholded(r: TestResult, spec: TestSpec): TestResult {
  if (r.status !== "OK" || r.score === undefined) return r;
  return { ...r, status: statusFromScore(r.score, spec.thresholds) };
}

/**
 * Option M returns the distance D, where small is good: probability thresholds do not apply.
 * WARNING when D > warning, ERROR when D > error; without distance thresholds there is no
 * verdict (OTHER), rather than one read from thresholds meant for p-values.
 */
function distanceVerdict(r: TestResult, t: { warning: number; error: number } | undefined): TestResult {
  if (r.status !== "OK") return r;
  if (!t) return { ...r, status: "OTHER", message: "option M gives the distance; set distanceThresholds for a verdict" };
  return { ...r, status: r.statistic > t.error ? "ERROR" : r.statistic > t.warning ? "WARNING" : "OK" };
}

/** AutoDQM's pullvals.py runs only on a TH2 pair or a TProfile2D pair. */
function pullValuesKinds(data: Histogram, ref: Histogram): boolean {
  return data.kind === ref.kind && (data.kind === "TH2" || data.kind === "TProfile2D");
}

export function runTest(spec: TestSpec, data: Histogram, refs: readonly Histogram[] = []): TestResult {
  const t = spec.thresholds;
  const ref = refs[0];
  const needRef = (): TestResult => failed(spec.test, "DID_NOT_RUN", "test needs a reference histogram");
  try {
    let r: TestResult;
    switch (spec.test) {
      case "chi2":
        r = ref ? thresholded(chi2Test(data, ref, spec.params), spec) : needRef();
        break;
      case "kolmogorov":
        r = !ref ? needRef() : spec.params.maxDist ? distanceVerdict(kolmogorovTest(data, ref, spec.params), spec.params.distanceThresholds) : thresholded(kolmogorovTest(data, ref, spec.params), spec);
        break;
      case "ContentsXRange":
        r = contentsXRange(data, spec.params, t);
        break;
      case "ContentsYRange":
        r = contentsYRange(data, spec.params, t);
        break;
      case "DeadChannel":
        r = deadChannel(data, spec.params, t);
        break;
      case "NoisyChannel":
        r = noisyChannel(data, spec.params, t);
        break;
      case "ContentSigma":
        r = contentSigma(data, spec.params, t);
        break;
      case "MeanWithinExpected":
        r = meanWithinExpected(data, spec.params, t);
        break;
      case "ContentsWithinExpected":
        r = contentsWithinExpected(data, spec.params, t);
        break;
      case "CompareToMedian":
        r = compareToMedian(data, spec.params, t);
        break;
      case "CompareLastFilledBin":
        r = compareLastFilledBin(data, spec.params, t);
        break;
      case "CheckVariance":
        r = checkVariance(data, t);
        break;
      case "Comp2RefEqualH":
        r = ref ? comp2RefEqualH(data, ref, t) : needRef();
        break;
      case "Comp2RefChi2":
        r = ref ? comp2RefChi2(data, ref, t) : needRef();
        break;
      case "Comp2RefKolmogorov":
        r = ref ? comp2RefKolmogorov(data, ref, t) : needRef();
        break;
      case "pullValues":
        r = !ref ? needRef() : !spec.params.allow1D && !pullValuesKinds(data, ref) ? failed(spec.test, "INVALID", "pull values need two TH2 or two TProfile2D histograms (AutoDQM's plugin); set allow1D to compare other kinds") : pullValues(data, ref, spec.params);
        break;
      case "betaBinomial":
        r = refs.length ? betaBinomial(data, refs, spec.params) : needRef();
        break;
    }
    return { ...r, test: spec.name };
  } catch (err) {
    // Defensive: a bug in one test must not abort a batch of MEs.
    return failed(spec.name, "INVALID", err instanceof Error ? err.message : String(err));
  }
}

/** The configured tests whose patterns match an ME path (and are enabled). */
export function testsFor(config: TestConfig, mePath: string): TestSpec[] {
  return config.tests.filter((t) => t.enabled && t.match.some((p) => matchesGlob(p, mePath)) && !t.exclude.some((p) => matchesGlob(p, mePath)));
}

export interface MonitorElementInput {
  readonly mePath: string;
  readonly data: Histogram;
  readonly references?: readonly Histogram[];
}

/** Runs every matching test on every ME; results are grouped per ME path. */
export function runConfiguredTests(config: TestConfig, mes: readonly MonitorElementInput[]): Map<string, TestResult[]> {
  const out = new Map<string, TestResult[]>();
  for (const me of mes) out.set(me.mePath, testsFor(config, me.mePath).map((spec) => runTest(spec, me.data, me.references ?? [])));
  return out;
}
