import { describe, expect, it } from "vitest";
import { testSpecSchema } from "../config/test-config";
import { applyParam, ParamError, TEST_DOCS } from "./test-params";

const build = (test: keyof typeof TEST_DOCS, kv: Record<string, string>): Record<string, unknown> => {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kv)) applyParam(test, params, k, v);
  return params;
};

/** MeanWithinExpected's parameters belong to one mode each. */
const meanBase = (name: string): Record<string, unknown> => (["xmin", "xmax", "useRange"].includes(name) ? { mode: "range", xmin: 0, xmax: 1 } : name === "useRMS" ? { mode: "rms", mean: 0 } : { mode: "sigma", mean: 0, sigma: 1 });

describe("command-line test parameters", () => {
  it("maps CMSSW XML, ROOT and AutoDQM names onto the configuration's", () => {
    expect(build("CompareToMedian", { MinRel: "0.5", MaxRel: "2", MinAbs: "0", MaxAbs: "10", UseEmptyBins: "1", StatCut: "3" })).toEqual({ min: 0.5, max: 2, minMedian: 0, maxMedian: 10, useEmptyBins: true, statCut: 3 });
    expect(build("ContentsWithinExpected", { minMean: "1", maxMean: "4", toleranceMean: "0.2" })).toEqual({ meanRange: [1, 4], toleranceMean: 0.2 });
    expect(build("MeanWithinExpected", { mean: "3", useSigma: "0.5" })).toEqual({ mean: 3, mode: "sigma", sigma: 0.5 });
    expect(build("kolmogorov", { N: "true", M: "1", X: "500", seed: "7" })).toEqual({ norm: true, maxDist: true, pseudoExperiments: { count: 500, seed: 7 } });
    expect(build("pullValues", { norm_type: "col", min_entries: "5" })).toEqual({ normalisation: "column", minEntries: 5 });
    expect(build("ContentSigma", { Xblocks: "4", neighborsX: "2" })).toEqual({ xBlocks: 4, neighboursX: 2 });
  });

  it("every documented parameter is one the configuration schema accepts", () => {
    for (const [test, doc] of Object.entries(TEST_DOCS)) {
      for (const p of doc.params) {
        const params: Record<string, unknown> = test === "MeanWithinExpected" ? meanBase(p.name) : test === "CompareToMedian" ? { min: 0, max: 1, minMedian: 0, maxMedian: 1 } : test === "CompareLastFilledBin" ? { min: 0, max: 1 } : {};
        if (p.name === "seed") applyParam("kolmogorov", params, "pseudo", "10");
        const sample = p.values ? p.values[0]! : p.kind === "boolean" ? "true" : p.kind === "string" ? "1,2" : ["minMean", "minRMS"].includes(p.name) ? "-1" : "1";
        applyParam(test as keyof typeof TEST_DOCS, params, p.name, sample);
        const r = testSpecSchema.safeParse({ name: "t", match: ["**"], test, params });
        expect(r.success, `${test}.${p.name}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
        if (r.success && "params" in r.data) expect(Object.keys(r.data.params ?? {})).toEqual(expect.arrayContaining(Object.keys(params)));
      }
    }
  });

  it("refuses unknown keys with the known ones, and values of the wrong type", () => {
    expect(() => build("ContentsXRange", { xmn: "2" })).toThrow(/no parameter 'xmn'.*Known: xmin, xmax/);
    expect(() => build("NoisyChannel", { neighbours: "1.5" })).toThrow(ParamError);
    expect(() => build("chi2", { mode: "UV" })).toThrow(/one of UU, UW, WW/);
  });
});
