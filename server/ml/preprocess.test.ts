import { describe, expect, it } from "vitest";
import { inputLength, preprocess } from "./preprocess";
import { th1 } from "./test-data";

describe("preprocess", () => {
  it("normalises the shape to unit area including under/overflow", () => {
    const p = preprocess(th1([1, 2, 3, 4]), { dropUnderOverflow: false });
    expect(Array.from(p.shape)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(p).toMatchObject({ entries: 10, empty: false });
  });

  it("drops under- and overflow before normalising when asked", () => {
    const p = preprocess(th1([5, 1, 3, 7]), { dropUnderOverflow: true });
    expect(Array.from(p.shape)).toEqual([0.25, 0.75]);
    expect(inputLength(2, { dropUnderOverflow: true })).toBe(2);
    expect(inputLength(2, { dropUnderOverflow: false })).toBe(4);
  });

  it("flags an empty histogram and leaves its shape all zeros", () => {
    const p = preprocess(th1([0, 0, 0, 0]), { dropUnderOverflow: false });
    expect(p.empty).toBe(true);
    expect(Array.from(p.shape)).toEqual([0, 0, 0, 0]);
    expect(preprocess(th1([4, 0, 0, 2]), { dropUnderOverflow: true }).empty).toBe(true);
  });

  it("ignores negative contents instead of letting them cancel", () => {
    const p = preprocess(th1([0, -2, 2, 0]), { dropUnderOverflow: false });
    expect(Array.from(p.shape)).toEqual([0, 0, 1, 0]);
  });

  it("rejects 2D histograms", () => {
    expect(() => preprocess({ ...th1([0, 1, 0]), kind: "TH2" }, { dropUnderOverflow: false })).toThrow(/1D/);
  });
});
