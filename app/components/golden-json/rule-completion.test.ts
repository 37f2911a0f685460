import { describe, expect, it } from "vitest";
import { applyCompletion, completionAt } from "./rule-completion";

const names = ["lumisection.oms.beam1_stable", "lumisection.rr.tracker-pixel", "lumisection.rr.tracker-strip", "run.oms.energy"];

describe("rule editor completion", () => {
  it("offers the names starting with what is typed inside a var, then those containing it", () => {
    const text = '{"==": [{"var": "lumisection.rr.tr';
    expect(completionAt(text, text.length, names)).toEqual({ prefix: "lumisection.rr.tr", from: 17, to: text.length, options: ["lumisection.rr.tracker-pixel", "lumisection.rr.tracker-strip"] });
    expect(completionAt('{"var": "pixel', 14, names)?.options).toEqual(["lumisection.rr.tracker-pixel"]);
    expect(completionAt('{"var": ["run.', 14, names)?.options).toEqual(["run.oms.energy"]);
  });

  it("offers nothing outside a variable name", () => {
    expect(completionAt('{"==": [1, "GOOD', 16, names)).toBeNull();
    expect(completionAt('{"var": "run.oms.energy"}, ', 27, names)).toBeNull();
  });

  it("replaces the typed part and the rest of the old name, and closes the quote", () => {
    const text = '{"var": "lumisection.rr.trackr-pix"}';
    const c = completionAt(text, 26, names)!;
    expect(applyCompletion(text, c, "lumisection.rr.tracker-pixel")).toEqual({ text: '{"var": "lumisection.rr.tracker-pixel"}', caret: 38 });
    const open = '{"var": "run.';
    expect(applyCompletion(open, completionAt(open, open.length, names)!, "run.oms.energy").text).toBe('{"var": "run.oms.energy"');
  });
});
