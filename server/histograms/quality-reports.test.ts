import { describe, expect, it } from "vitest";
import { latestVersions, parseDqmFileName } from "./dqm-file-name";
import { parseQualityReport } from "./quality-reports";

describe("CMSSW quality reports in a DQM file's keys", () => {
  it("reads the older form, as CMSSW_3_3_0 wrote it (shared/data/realdqm/DQMServices-Examples_python_test_ref.root)", () => {
    expect(parseQualityReport("<MeanTrue.MeanExpected>qr=st.100. Test MeanExpected (MeanWithinExpected): prob = 0.996985</MeanTrue.MeanExpected>", "YourSubsystemName/DQMsource/QTests")).toEqual({
      mePath: "YourSubsystemName/DQMsource/QTests/MeanTrue",
      test: "MeanExpected",
      status: 100,
      result: 0.996985,
      algorithm: "MeanWithinExpected",
      message: "Test MeanExpected (MeanWithinExpected): prob = 0.996985",
    });
  });

  it("reads the newer colon-separated form", () => {
    expect(parseQualityReport("<chi2.Comp2RefChi2>qr=st:300:0.0012:Comp2RefChi2:chi2/ndf too large</chi2.Comp2RefChi2>", "DT/Segments")).toEqual({
      mePath: "DT/Segments/chi2",
      test: "Comp2RefChi2",
      status: 300,
      result: 0.0012,
      algorithm: "Comp2RefChi2",
      message: "chi2/ndf too large",
    });
  });

  it("ignores other strings (scalars, provenance)", () => {
    expect(parseQualityReport("<float1>f=-3.140000104904175</float1>", "X")).toBeNull();
    expect(parseQualityReport("<s1>s=My string</s1>", "X")).toBeNull();
  });
});

describe("DQM file names", () => {
  it("maps an online harvest file (processing Online) to the run's online dataset", () => {
    expect(parseDqmFileName("/data/DQM_V0001_R000306134__Global__Online__DQM.root")).toMatchObject({ run: 306134, version: 1, dataset: "online", scope: "" });
  });

  it("accepts the per-subsystem online form and reference_ prefixes, keeping the subsystem as the file's scope", () => {
    expect(parseDqmFileName("DQM_V0003_PixelPhase1_R000306134.root")).toMatchObject({ run: 306134, version: 3, dataset: "online", scope: "PixelPhase1" });
    expect(parseDqmFileName("reference_DQM_V0001_R000306134__ZeroBias__Run2017E-09Aug2019_UL2017-v1__DQMIO.root")).toMatchObject({ run: 306134, dataset: "/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO" });
  });

  it("keeps the highest version per run, dataset and subsystem", () => {
    const files = ["DQM_V0001_DT_R000000005.root", "DQM_V0002_DT_R000000005.root", "DQM_V0001_CSC_R000000005.root"];
    expect(latestVersions(files).map((f) => [f.scope, f.version])).toEqual([["CSC", 1], ["DT", 2]]);
  });

  it("names both accepted forms when refusing a name", () => {
    expect(() => parseDqmFileName("histos.root")).toThrow(/DQM_V<version>_R<run>__<PD>__<processing>__<tier>\.root or DQM_V<version>_<Subsystem>_R<run>\.root/);
  });
});
