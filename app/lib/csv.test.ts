import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes commas, quotes and newlines and leaves empty cells empty", () => {
    expect(toCsv(["run", "comment"], [[1, 'said "ok", then\nleft'], [2, null]])).toBe('run,comment\n1,"said ""ok"", then\nleft"\n2,\n');
  });
  it("writes dates as ISO strings", () => {
    expect(toCsv(["at"], [[new Date("2017-06-01T08:00:00Z")]])).toBe("at\n2017-06-01T08:00:00.000Z\n");
  });
});
