import { describe, expect, it } from "vitest";
import { MAX_BULK_RUNS, parseRunList } from "./bulk-run-list";
import { flagComment } from "./flag-causes";

describe("parseRunList", () => {
  it("reads numbers and ranges separated by commas or spaces, distinct and ascending", () => {
    expect(parseRunList("357005, 357001-357003 357002\n357010..357011 357020–357020")).toEqual([357001, 357002, 357003, 357005, 357010, 357011, 357020]);
  });
  it("refuses a token that is no run number, naming it", () => {
    expect(() => parseRunList("357001, 35x002")).toThrow("'35x002' is not a run number");
    expect(() => parseRunList("0")).toThrow("'0' is not a run number");
    expect(() => parseRunList(" , ")).toThrow("name at least one run");
  });
  it("refuses a backwards range with the way to write it", () => {
    expect(() => parseRunList("357010-357001")).toThrow("write 357001-357010");
  });
  it(`refuses more than ${MAX_BULK_RUNS} runs, counted over overlapping ranges without listing a huge one`, () => {
    expect(parseRunList(`1-${MAX_BULK_RUNS} 5 100-150`)).toHaveLength(MAX_BULK_RUNS);
    expect(() => parseRunList(`1-${MAX_BULK_RUNS} ${MAX_BULK_RUNS + 1}`)).toThrow(`${MAX_BULK_RUNS + 1} runs named, at most ${MAX_BULK_RUNS} per submit`);
    expect(() => parseRunList("357001-1357001")).toThrow("1000001 runs named");
  });
});

describe("flagComment", () => {
  it("puts the chosen cause first, unchanged, then the note", () => {
    expect(flagComment("HV trip", "sector 3")).toBe("HV trip — sector 3");
    expect(flagComment("HV trip", "")).toBe("HV trip");
    expect(flagComment("", " only a note ")).toBe("only a note");
    expect(flagComment("other: beam halo", "seen in fills 9001-9003")).toBe("other: beam halo — seen in fills 9001-9003");
  });
  it("does not repeat a cause the comment already starts with (a resubmitted form)", () => {
    expect(flagComment("HV trip", "HV trip — sector 3")).toBe("HV trip — sector 3");
    expect(flagComment("HV trip", "HV trip")).toBe("HV trip");
  });
});
