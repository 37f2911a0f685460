/** The limit building blocks on their own: what each refuses, and that the refusal names the field and the limit. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkDeclaredCells } from "../histograms/cell-budget";
import { HistogramFormatError } from "../histograms/errors";
import { histogramFromJsrootJson } from "../histograms/from-jsroot-json";
import { apiFailure } from "./api-errors";
import { withinColumns } from "./columns";
import { boundedText, datasetName, runNumber } from "./fields";
import { inputProblem } from "./input-guard";
import { INT4_MAX, MAX_CELLS_PER_HISTOGRAM, MAX_DEPTH } from "./limits";
import { ruleProblem } from "./rule-check";

describe("fields", () => {
  it("holds run numbers to the integer column", () => {
    expect(runNumber.safeParse(INT4_MAX).success).toBe(true);
    const r = runNumber.safeParse(INT4_MAX + 1);
    expect(r.error?.issues[0]?.message).toBe(`must be at most ${INT4_MAX} (the column is a 32-bit integer)`);
    expect(runNumber.safeParse(0).success).toBe(false);
    expect(runNumber.safeParse(Number.NaN).success).toBe(false);
  });

  it("refuses NUL, lone surrogates and overlong text, and keeps paired surrogates", () => {
    const t = boundedText(10);
    expect(t.safeParse("a\u0000b").error?.issues[0]?.message).toMatch(/NUL/);
    expect(t.safeParse("\uD800").error?.issues[0]?.message).toMatch(/surrogate/);
    expect(t.safeParse("x\uDC00").success).toBe(false);
    expect(t.safeParse("\uD83D\uDE00").success).toBe(true);
    expect(t.safeParse("x".repeat(11)).error?.issues[0]?.message).toBe("must be at most 10 characters");
  });

  it("takes CMS dataset names only", () => {
    expect(datasetName.safeParse("/ZeroBias/Run2026A-ReReco-v1/DQMIO").success).toBe(true);
    expect(datasetName.safeParse("ZeroBias").success).toBe(false);
    expect(datasetName.safeParse(`/ZeroBias/${"x".repeat(1000)}/DQMIO`).success).toBe(false);
  });

  it("withinColumns names a run above the column in a list and as a golden JSON key", () => {
    const s = z.object({ selection: z.unknown() }).superRefine(withinColumns);
    expect(s.safeParse({ selection: { runs: [1, 2 ** 31] } }).error?.issues[0]?.path).toEqual(["selection", "runs", 1]);
    expect(s.safeParse({ selection: { json: { "2147483648": [[1, 2]] } } }).error?.issues[0]?.message).toMatch(/run 2147483648 is above/);
  });
});

describe("input guard", () => {
  it("finds NUL and lone surrogates anywhere, in values and keys, with their path", () => {
    expect(inputProblem({ a: [{ b: "x\u0000" }] })).toEqual({ path: "a[0].b", message: "contains a NUL character" });
    expect(inputProblem({ ["k\uD800"]: 1 })?.message).toMatch(/key contains an unpaired/);
  });

  it("refuses nesting past the depth limit without overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblem(deep)?.message).toBe(`nests deeper than ${MAX_DEPTH} levels`);
  });

  it("lets ordinary input through", () => {
    expect(inputProblem({ runNumber: 5, comment: "ok ✓ \uD83D\uDE00", runs: [1, 2, 3] })).toBeUndefined();
  });
});

describe("histogram cells are counted before allocation", () => {
  const th1 = (nbins: number, len = nbins + 2) => JSON.stringify({ _typename: "TH1F", fXaxis: { fNbins: nbins, fXmin: 0, fXmax: 1 }, fArray: { $arr: "Float32", len } });

  it("refuses a compressed array longer than the budget, whatever the text's length", () => {
    const before = process.memoryUsage().arrayBuffers;
    expect(() => histogramFromJsrootJson(th1(1e7))).toThrow(new RegExp(`at most ${MAX_CELLS_PER_HISTOGRAM}`));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * 1024 * 1024);
  });

  it("refuses a 2D histogram whose (nx+2)(ny+2) is over the budget", () => {
    const h = { _typename: "TH2F", fXaxis: { fNbins: 2000 }, fYaxis: { fNbins: 2000 }, fArray: [] };
    expect(() => checkDeclaredCells(h, MAX_CELLS_PER_HISTOGRAM, "cells per histogram")).toThrow(HistogramFormatError);
    expect(() => checkDeclaredCells(h, MAX_CELLS_PER_HISTOGRAM, "cells per histogram")).toThrow(/TH2F of 2000×2000 bins has 4008004 cells/);
  });

  it("still reads a histogram within the budget", () => {
    expect(histogramFromJsrootJson(th1(100)).contents.length).toBe(102);
  });
});

describe("errors in plain words", () => {
  it("maps SQLSTATEs and Temporal errors without their text", () => {
    const pg = (code: string) => Object.assign(new Error("index row requires 12032 bytes, maximum size is 8191"), { code, severity: "ERROR" });
    expect(apiFailure(pg("54000"))).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "a value is too long to be stored or indexed; use a shorter one" });
    expect(apiFailure(pg("23505"))?.code).toBe("CONFLICT");
    expect(apiFailure(pg("XX000"))?.message).toBe("the database refused the request (SQLSTATE XX000)");
    expect(apiFailure(Object.assign(new Error("workflow x not found"), { name: "WorkflowNotFoundError" }))?.code).toBe("NOT_FOUND");
    expect(apiFailure(new TypeError("x is undefined"))).toBeUndefined();
  });
});

describe("golden-JSON rules", () => {
  it("refuses rules reading facts the workflow does not provide, and oversized rules", () => {
    expect(ruleProblem({ and: [{ "==": [{ var: "lumisection.rr.tracker" }, "GOOD"] }] })).toBeUndefined();
    expect(ruleProblem({ "==": [{ var: ["nothing.here", 0] }, 1] })).toMatch(/reads "nothing.here"/);
    expect(ruleProblem({ in: [{ var: "run.run_number" }, Array.from({ length: 20_000 }, (_, i) => i)] })).toMatch(/bytes as JSON; at most 65536/);
  });
});
