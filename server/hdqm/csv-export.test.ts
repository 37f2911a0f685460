import { describe, expect, it } from "vitest";
import { correlationToCsv, runQuantityToCsv } from "./csv-export";

describe("CSV of correlations and run quantities", () => {
  it("writes one line per run with every metric", () => {
    expect(correlationToCsv({ metrics: [{ name: "a" }, { name: "b" }], run: [1, 2], values: [[0.5, 1.5], [10, 20]] })).toBe("run,a,b\n1,0.5,10\n2,1.5,20\n");
  });

  it("leaves unknown values empty", () => {
    expect(runQuantityToCsv({ quantity: "fill", xAxis: "run", run: [7, 8], x: [7, 8], value: [6100, null] })).toBe("run,x_run,fill\n7,7,6100\n8,8,\n");
  });
});
