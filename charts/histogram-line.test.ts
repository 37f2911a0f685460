import { describe, expect, it } from "vitest";
import { axisEdges, histogramLine } from "./histogram-line";

describe("stored histogram → step line", () => {
  it("drops under- and overflow of a TH1 and builds uniform edges", () => {
    const line = histogramLine({ kind: "TH1", x: { nbins: 3, min: 0, max: 3 }, contents: [9, 1, 2, 3, 9] }, "run 1");
    expect(line).toEqual({ label: "run 1", edges: [0, 1, 2, 3], contents: [1, 2, 3], projected: false });
  });

  it("keeps variable edges", () => {
    expect(axisEdges({ nbins: 2, min: 0, max: 10, edges: [0, 1, 10] })).toEqual([0, 1, 10]);
  });

  it("shows a TProfile's bin means", () => {
    const line = histogramLine({ kind: "TProfile", x: { nbins: 2, min: 0, max: 2 }, contents: [0, 10, 6, 0], binEntries: [0, 5, 0, 0] }, "p");
    expect(line.contents).toEqual([2, 0]);
  });

  it("projects a TH2 on x over the real y bins", () => {
    // nx = 2, ny = 1: global bin = ix + 4·iy; row iy = 1 holds bins 5 and 6; rows 0 and 2 are under/overflow.
    const contents = [0, 7, 7, 0, 0, 1, 2, 0, 0, 7, 7, 0];
    const line = histogramLine({ kind: "TH2", x: { nbins: 2, min: 0, max: 2 }, y: { nbins: 1, min: 0, max: 1 }, contents }, "h2");
    expect(line.contents).toEqual([1, 2]);
    expect(line.projected).toBe(true);
  });
});
