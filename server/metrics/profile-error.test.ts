import { describe, expect, it } from "vitest";
import { computeMetric } from "./compute-metric";
import { binError } from "./histogram-access";
import { fromJson } from "./test-histograms";

/**
 * A 3-bin TProfile, each bin filled 6 times at y = 0 and 6 times at y = 4: bin mean 2, spread 2,
 * error on the mean 2/√12. ROOT's pol0 fit (TH1::Fit uses TProfile::GetBinError) gives
 * 2.000 ± (2/√12)/√3 = 0.333; √Σwy² (the raw second moment) as the bin error would give ± 5.657.
 */
const profile = fromJson({
  kind: "TProfile",
  name: "p",
  x: { nbins: 3, min: 0, max: 3 },
  contents: [0, 24, 24, 24, 0],
  sumw2: [0, 96, 96, 96, 0],
  binEntries: [0, 12, 12, 12, 0],
  entries: 36,
});

describe("profile bin errors", () => {
  it("are the error on the bin mean, as ROOT's TProfile::GetBinError", () => {
    expect(binError(profile, 2)).toBeCloseTo(2 / Math.sqrt(12), 12);
  });

  it("give ROOT's constant fit 2.000 ± 0.333 on a 3-bin profile", () => {
    const r = computeMetric({ function: "flatLine", params: { range: [0, 3], initial: 1 } }, { main: profile });
    expect(r.value).toBeCloseTo(2, 6);
    expect(r.error).toBeCloseTo(1 / 3, 6);
  });
});
