import { describe, expect, it } from "vitest";
import { figure, figuresText, isNoData } from "./comparison-figures";

describe("comparison figures", () => {
  it("writes each figure under its own name, leaving out the absent ones", () => {
    expect(figuresText({ statistic: 99.79059653144567, pValue: null, score: 0.9571428571428572 })).toBe("statistic 99.7906 · score 0.9571");
    expect(figuresText({ statistic: 12.5, pValue: 0.00042, score: null })).toBe("statistic 12.5000 · p-value 4.20e-4");
    expect(figuresText({ statistic: null, pValue: null, score: -1 })).toBe("no figures");
  });

  it("formats a cell the same way everywhere", () => {
    expect(figure(null)).toBe("—");
    expect(figure(0)).toBe("0");
    expect(figure(123456)).toBe("1.23e+5");
    expect(figure(0.5)).toBe("0.5000");
  });

  it("counts results without data as no data, not as failures", () => {
    expect(isNoData("NO_DATA")).toBe(true);
    expect(isNoData("DID_NOT_RUN")).toBe(true);
    expect(isNoData("ERROR")).toBe(false);
    expect(isNoData("INVALID")).toBe(false);
  });
});
