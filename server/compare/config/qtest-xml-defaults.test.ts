/**
 * Issue 16, QTestConfigure.cc's defaults when reading QTest XML: against the reference's own
 * number computed in  scripts/vectors/make_compare_compat_vectors.py (the reference's source lines
 * are cited there).
 */
import { describe, expect, it } from "vitest";
import type { CompatVectors } from "../vectors/compat-vectors";
import { runConfiguredTests } from "../run-test";
import { histFromCells, histFromInner, loadVectors } from "../vectors/load-vectors";
import { parseQTestXml } from "./qtest-xml";

const v = loadVectors<CompatVectors>("compat");

describe("QTest XML read with QTestConfigure's defaults", () => {
  const xml = `<TESTSCONFIGURATION>
  <QTEST name="yr"><TYPE>ContentsYRange</TYPE><PARAM name="ymin">2</PARAM><PARAM name="ymax">20</PARAM></QTEST>
  <QTEST name="dead"><TYPE>DeadChannel</TYPE><PARAM name="threshold">1.7</PARAM><PARAM name="error">0.5</PARAM><PARAM name="warning">0.9</PARAM></QTEST>
  <QTEST name="cwe"><TYPE>ContentsWithinExpected</TYPE><PARAM name="useEmptyBins">1</PARAM><PARAM name="toleranceMean">0</PARAM><PARAM name="error">0.5</PARAM><PARAM name="warning">0.9</PARAM></QTEST>
  <LINK name="one/*"><TestName activate="true">yr</TestName><TestName activate="true">dead</TestName></LINK>
  <LINK name="two/*"><TestName activate="true">cwe</TestName></LINK>
</TESTSCONFIGURATION>`;
  it("missing useEmptyBins is 0, missing thresholds are 0/0, the dead threshold is truncated, toleranceMean=0 is off", () => {
    const x = v.xml;
    const results = runConfiguredTests(parseQTestXml(xml), [
      { mePath: "one/h", data: histFromCells(x.th1) },
      { mePath: "two/h", data: histFromInner(x.th2.inner, x.th2.nx, x.th2.ny) },
    ]);
    const [yr, dead] = results.get("one/h")!;
    expect(yr).toMatchObject({ score: x.ContentsYRange.value, status: x.ContentsYRange.status });
    expect(dead).toMatchObject({ score: x.DeadChannel.value, status: x.DeadChannel.status });
    expect(results.get("two/h")![0]).toMatchObject({ score: x.ContentsWithinExpected.value, status: x.ContentsWithinExpected.status });
  });
});
