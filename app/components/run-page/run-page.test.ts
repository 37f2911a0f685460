import { describe, expect, it } from "vitest";
import { segments, selectionSummary } from "./ls-timeline";
import { duration } from "./run-sheet";

const ls = (n: number, beam: boolean | null, dcs: Record<string, boolean> = { bpix: true }) => ({ ls: n, beam1: beam, beam2: beam, dcs, recordedLumi: 1 });

describe("lumisection timeline", () => {
  it("draws consecutive equal lumisections as one segment and breaks at a gap", () => {
    const lumis = [ls(1, true), ls(2, true), ls(3, false), ls(5, false)];
    expect(segments(lumis, (l) => String(l.beam1))).toEqual([
      { first: 1, last: 2, value: "true" },
      { first: 3, last: 3, value: "false" },
      { first: 5, last: 5, value: "false" },
    ]);
  });

  it("summarises a chosen range: beams stable, every DCS bit on", () => {
    const lumis = [ls(1, true), ls(2, true, { bpix: false }), ls(3, false), ls(4, null)];
    expect(selectionSummary({ first: 1, last: 3 }, lumis)).toBe("LS 1–3 chosen: 3 lumisections, 2 with both beams stable, 2 with every DCS bit on");
    expect(selectionSummary({ first: 9, last: 9 }, lumis)).toBe("LS 9 chosen (1 lumisection; OMS sent no lumisection data for them)");
  });
});

describe("run sheet", () => {
  it("writes a duration in hours, minutes and seconds", () => {
    expect(duration(3725)).toBe("1 h 02 min 05 s");
    expect(duration(65)).toBe("1 min 05 s");
    expect(duration(9)).toBe("9 s");
    expect(duration(null)).toBe("ongoing");
  });
});
