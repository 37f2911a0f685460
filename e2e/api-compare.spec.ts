/** Another tool's view: the typed client and plain HTTP against the running server's /api/trpc. */
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

test("a repeated trend request is answered from the server's cache with the same bytes", async ({ request }) => {
  const tree = (await (await request.get("/api/trpc/trends.tree")).json()) as { result: { data: { subsystems: { name: string; metrics: { name: string }[]; datasets: { primaryDataset: string; processingStrings: { name: string }[] }[] }[] } } };
  const muons = tree.result.data.subsystems.find((s) => s.name === "Muons")!;
  const dataset = muons.datasets[0]!;
  const input = { subsystem: "Muons", primaryDataset: dataset.primaryDataset, processingString: dataset.processingStrings[0]!.name, metrics: [muons.metrics[0]!.name], selection: { kind: "latest", n: 300 } };
  const url = `/api/trpc/trends.series?input=${encodeURIComponent(JSON.stringify(input))}`;
  const first = await request.get(url);
  expect(first.status()).toBe(200);
  const body = await first.text();
  expect((JSON.parse(body) as { result: { data: { series: { run: number[] }[] } } }).result.data.series[0]!.run.length).toBeGreaterThan(100);
  // The cache keeps answers once it listens for data changes; a repeated request is then a hit.
  await expect(async () => {
    const again = await request.get(url);
    expect(again.headers()["x-dqmflow-cache"]).toBe("hit");
    expect(await again.text()).toBe(body);
  }).toPass({ timeout: 10_000 });
});
