import { describe, expect, it } from "vitest";
import { plainMessage } from "./plain-message";

describe("stored technical texts as sentences", () => {
  it("says which stored histogram is damaged and what to do, without zod's wording", () => {
    const text = plainMessage("run 303832 /PromptReco/DQM Tracking/eta: stored histogram is malformed at x: Invalid input: expected object, received undefined");
    expect(text).toBe("The stored histogram run 303832 /PromptReco/DQM Tracking/eta is damaged: its 'x' is missing (a group of values was expected). Ingest the run's DQM file again, then retry the comparison.");
    expect(text).not.toMatch(/Invalid input/);
  });

  it("turns a JSON list of validation issues into one sentence", () => {
    const raw = JSON.stringify([{ code: "invalid_type", path: ["runNumber"], message: "Invalid input: expected number, received string" }]);
    expect(plainMessage(raw)).toBe("The input was refused: 'runNumber' has the wrong type (a number was expected, not a string).");
  });

  it("leaves any other text as it is", () => {
    expect(plainMessage("sign-off deadline passed")).toBe("sign-off deadline passed");
    expect(plainMessage("[not json")).toBe("[not json");
  });
});
