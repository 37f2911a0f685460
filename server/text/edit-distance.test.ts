import { describe, expect, it } from "vitest";
import { editDistance } from "./edit-distance";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    // The textbook pair: kitten → sitting is 3 (two substitutions, one insertion).
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("trackr-pixel", "tracker-pixel")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});
