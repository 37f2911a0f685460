/** Another tool's view: the typed client against the running server's /api/trpc. */
import { expect, test } from "@playwright/test";
import { TRPCClientError } from "@trpc/client";
import { createDqmflowClient } from "../server/trpc/client";

function th1f(contents: number[]) {
  return {
    _typename: "TH1F",
    fName: "h",
    fTitle: "",
    fEntries: contents.reduce((a, b) => a + b, 0),
    fXaxis: { _typename: "TAxis", fNbins: contents.length, fXmin: 0, fXmax: contents.length, fXbins: [], fLabels: null },
    fSumw2: [],
    fArray: [0, ...contents, 0],
  };
}

test("compares histograms through the typed client", async ({ baseURL }) => {
  const api = createDqmflowClient(`${baseURL}/api/trpc`);
  const shape = [120, 340, 560, 610, 480, 300, 150, 60];
  const same = await api.compare.run.query({ test: "chi2", params: { mode: "UU" }, data: th1f(shape), references: [th1f(shape)] });
  expect(same).toMatchObject({ test: "chi2", statistic: 0, ndf: 7, pValue: 1, status: "OK" });

  const shifted = await api.compare.run.query({ test: "kolmogorov", data: th1f([...shape].reverse()), references: [th1f(shape)] });
  expect(shifted.status).toBe("ERROR");
  expect(shifted.pValue).toBeLessThan(1e-6);

  const err = await api.compare.run.query({ test: "chi2", data: { _typename: "TNamed" }, references: [th1f(shape)] }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TRPCClientError);
  expect((err as TRPCClientError<never>).message).toMatch(/^data: /);
});
