import { describe, expect, it } from "vitest";
import type { Histogram } from "../../histograms/histogram";
import { runConfiguredTests, testsFor } from "../run-test";
import { matchesGlob } from "./glob";
import { parseQTestXml } from "./qtest-xml";
import { parseTestConfig, TestConfigError } from "./test-config";

describe("glob patterns on ME paths", () => {
  it("* stays within a segment, ** crosses them", () => {
    expect(matchesGlob("PixelPhase1/*/MainDiagonal*", "PixelPhase1/Tracks/MainDiagonal Position")).toBe(true);
    expect(matchesGlob("PixelPhase1/*", "PixelPhase1/Tracks/MainDiagonal Position")).toBe(false);
    expect(matchesGlob("PixelPhase1/**", "PixelPhase1/Tracks/MainDiagonal Position")).toBe(true);
    expect(matchesGlob("**/charge?", "Ecal/a/b/charge1")).toBe(true);
    expect(matchesGlob("Ecal/(x)", "Ecal/(x)")).toBe(true);
  });
});

const h: Histogram = { kind: "TH1", name: "h", title: "", x: { nbins: 4, min: 0, max: 4 }, contents: Float64Array.from([0, 1, 2, 3, 4, 0]), entries: 10 };

describe("test configuration file", () => {
  it("validates, fills defaults and selects tests by pattern", () => {
    const config = parseTestConfig({
      version: 1,
      tests: [
        { name: "dead", match: ["Pixel*/**"], exclude: ["**/skip*"], test: "DeadChannel", params: { threshold: 1 }, thresholds: { error: 0.5, warning: 0.8 } },
        { name: "shape", match: ["**"], test: "Comp2RefKolmogorov" },
      ],
    });
    expect(testsFor(config, "PixelPhase1/a").map((t) => t.name)).toEqual(["dead", "shape"]);
    expect(testsFor(config, "PixelPhase1/skipme").map((t) => t.name)).toEqual(["shape"]);
    const results = runConfiguredTests(config, [{ mePath: "PixelPhase1/a", data: h, references: [h] }]).get("PixelPhase1/a")!;
    expect(results[0]).toMatchObject({ test: "dead", score: 0.75, status: "WARNING" });
    expect(results[1]).toMatchObject({ test: "shape", score: 1, status: "OK" });
  });

  it("rejects bad files with field paths", () => {
    try {
      parseTestConfig({ version: 1, tests: [{ name: "a", match: [], test: "NoSuchTest" }] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TestConfigError);
      expect((err as TestConfigError).issues.length).toBeGreaterThan(0);
    }
    expect(() => parseTestConfig({ version: 1, tests: [{ name: "a", match: ["*"], test: "chi2", thresholds: { error: 0.9, warning: 0.5 } }] })).toThrow(/threshold/);
  });
});

describe("CMSSW QTest XML", () => {
  const xml = `<?xml version="1.0"?>
<TESTSCONFIGURATION>
  <QTEST name="XRangeTest">
    <TYPE>ContentsXRange</TYPE>
    <PARAM name="error">0.70</PARAM><PARAM name="warning">0.95</PARAM>
    <PARAM name="xmin">1</PARAM><PARAM name="xmax">3</PARAM>
  </QTEST>
  <QTEST name="MeanTest">
    <TYPE>MeanWithinExpected</TYPE>
    <PARAM name="mean">2</PARAM><PARAM name="useRMS">0</PARAM><PARAM name="useSigma">1.5</PARAM><PARAM name="useRange">0</PARAM>
  </QTEST>
  <!-- a comment <LINK name="ignored"/> -->
  <LINK name="*Pixel*/Tracks/*">
    <TestName activate="true">XRangeTest</TestName>
    <TestName activate="false">MeanTest</TestName>
  </LINK>
  <LINK name="*/Mean*"><TestName activate="true">MeanTest</TestName></LINK>
</TESTSCONFIGURATION>`;
  it("becomes an equivalent configuration", () => {
    const c = parseQTestXml(xml);
    expect(c.tests).toHaveLength(2);
    expect(c.tests[0]).toMatchObject({ test: "ContentsXRange", thresholds: { error: 0.7, warning: 0.95 }, params: { xmin: 1, xmax: 3 } });
    expect(c.tests[1]).toMatchObject({ test: "MeanWithinExpected", params: { mode: "sigma", mean: 2, sigma: 1.5 } });
    // CMSSW's fnmatch lets * cross slashes.
    expect(testsFor(c, "PixelPhase1/Barrel/Tracks/x").map((t) => t.test)).toEqual(["ContentsXRange"]);
  });
  it("rejects unknown test types", () => {
    expect(() => parseQTestXml('<QTEST name="a"><TYPE>Nope</TYPE></QTEST><LINK name="*"><TestName activate="true">a</TestName></LINK>')).toThrow(/unsupported/);
  });
});
