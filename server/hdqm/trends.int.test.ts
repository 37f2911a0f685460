import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHistograms } from "../../scripts/demo/run-histograms";
import type { DemoProblem, DemoRun } from "../../scripts/demo/season";
import { createCaller } from "../trpc/app-router";
import { identityOf, testServices } from "../testing/integration";
import { metricCatalog } from "../ingest/catalog";
import { ingestHistogramSet } from "../ingest/ingest-histograms";
import { importOmsRecords } from "../ingest/oms-import";
import { forgetRuns, omsRun } from "../ingest/test-support";
import { alarmsForRun } from "./alarms";
import { selectRuns } from "./trend-query";

const services = testServices();
const db = services.db;
const api = createCaller({ services, identity: identityOf("viewer") });
// A processing string of this test's own, so other tests' datasets never mix in.
const PS = "TrendTest-v1";
const DATASET = `/ZeroBias/Run2017F-${PS}/DQMIO`;
const RUNS = Array.from({ length: 12 }, (_, i) => 990401 + i);
const SPECIAL = 990405;
const ZSHIFT = 990410;

function demoRun(run: number, i: number, problems: DemoProblem[] = []): DemoRun {
  const start = new Date(Date.parse("2017-09-01T00:00:00Z") + i * 6 * 3600e3);
  return { run, start, end: new Date(start.getTime() + 3 * 3600e3), runClass: "Collisions", fill: 6100 + Math.floor(i / 3), hltKey: "x", lsCount: 400, deliveredLumi: 50, recordedLumi: 48, golden: null, season: i / 12, problems: new Set(problems) };
}

beforeAll(async () => {
  await forgetRuns(db, RUNS);
  await importOmsRecords(
    db,
    RUNS.map((r, i) => omsRun(r, new Date(Date.parse("2017-09-01T00:00:00Z") + i * 6 * 3600e3).toISOString(), { fill_number: 6100 + Math.floor(i / 3), delivered_lumi: 10 + i, ...(r === SPECIAL ? { hlt_key: "/cdaq/special/x" } : {}) })),
    "test",
  );
  await importOmsRecords(db, [1, 2, 3, 4].map((ls) => ({ run_number: RUNS[0], lumisection_number: ls, recorded_lumi: 0.5 })), "test");
  const catalog = await metricCatalog();
  for (const [i, run] of RUNS.entries()) {
    await ingestHistogramSet(db, catalog, {
      source: { path: `test:${run}`, kind: "generated", checksum: String(run), sizeBytes: 0, version: 1 },
      run,
      dataset: DATASET,
      mes: runHistograms(demoRun(run, i, run === ZSHIFT ? ["muonAlignment"] : [])),
      referenceRun: RUNS[0]!,
    });
  }
}, 120_000);
afterAll(() => services.close());

const scope = { subsystem: "Muons", primaryDataset: "ZeroBias", processingString: PS };

describe("trends API", () => {
  it("lists the selection tree with the test's processing string", async () => {
    const tree = await api.trends.tree();
    const muons = tree.subsystems.find((s) => s.name === "Muons")!;
    expect(muons.metrics.map((m) => m.name)).toContain("Z_peak_mass");
    expect(muons.datasets.find((d) => d.primaryDataset === "ZeroBias")?.processingStrings.map((p) => p.name)).toContain(PS);
  });

  it("returns a series for a run range, hiding non-significant runs by default", async () => {
    const t = await api.trends.series({ ...scope, metrics: ["Z_peak_mass"], selection: { kind: "range", from: RUNS[0]!, to: RUNS[11]! } });
    const s = t.series[0]!;
    expect(s.run).not.toContain(SPECIAL);
    expect(s.run).toHaveLength(11);
    expect(s.value[s.run.indexOf(ZSHIFT)]).toBeLessThan(89.5);
    const all = await api.trends.series({ ...scope, metrics: ["Z_peak_mass"], selection: { kind: "range", from: RUNS[0]!, to: RUNS[11]! }, includeNonSignificant: true });
    expect(all.series[0]!.run).toHaveLength(12);
  });

  it("refuses a range holding more runs than a trend reads, naming the range and the limit", async () => {
    const range = { ...scope, selection: { kind: "range" as const, from: RUNS[0]!, to: RUNS[11]! }, includeNonSignificant: true };
    // The same statement the API runs, with a limit the test's 12 runs exceed (the API's is 20,000).
    await expect(selectRuns(db, range, ["run"], 11)).rejects.toThrow(`runs ${RUNS[0]}–${RUNS[11]} of ZeroBias / ${PS} hold more than 11 runs, the most a trend draws`);
    expect((await selectRuns(db, range, ["run"], 12)).run).toEqual(RUNS);
    // Through the API the refusal is a BAD_REQUEST with that message (20,000 runs are not seeded here: the API's own limit is checked by its schema for the other selections).
    await expect(api.trends.series({ ...scope, metrics: ["Z_peak_mass"], selection: { kind: "latest", n: 20_001 } })).rejects.toThrow(/20000|20,000/);
  });

  it("selects latest N and explicit lists, overlays metrics, and lays x out by luminosity", async () => {
    const latest = await api.trends.series({ ...scope, metrics: ["Z_peak_mass", "Z_peak_width"], selection: { kind: "latest", n: 3 }, xAxis: "luminosity" });
    expect(latest.runs.run).toEqual(RUNS.slice(-3));
    expect(latest.series).toHaveLength(2);
    expect(latest.series[0]!.width).toEqual([19, 20, 21]);
    expect(latest.series[0]!.x).toEqual([9.5, 29, 49.5]);
    const list = await api.trends.series({ ...scope, metrics: ["Z_peak_mass"], selection: { kind: "list", runs: [RUNS[1]!, RUNS[3]!] }, xAxis: "fill" });
    expect(list.series[0]!.x).toEqual([6100, 6101]);
  });

  it("honours a golden JSON's lumisection ranges", async () => {
    const t = await api.trends.series({ ...scope, metrics: ["Z_peak_mass"], selection: { kind: "golden", json: { [RUNS[0]!]: [[1, 2]], [RUNS[1]!]: [[1, 400]], [RUNS[2]!]: [] } } });
    expect(t.runs.run).toEqual([RUNS[0], RUNS[1]]);
    expect(t.runs.certifiedFraction).toEqual([2 / 400, 1]);
    expect(t.runs.certifiedLumi?.[0]).toBeCloseTo(1.0);
    const strict = await api.trends.series({ ...scope, metrics: ["Z_peak_mass"], selection: { kind: "golden", json: { [RUNS[0]!]: [[1, 2]], [RUNS[1]!]: [[1, 400]] }, minCertifiedFraction: 0.5 } });
    expect(strict.runs.run).toEqual([RUNS[1]]);
  });

  it("correlates metrics with a regression and exports CSV", async () => {
    const c = await api.trends.correlation({ ...scope, metrics: ["Z_peak_mass", "Mean_Tight_DimuonMass_Inclusive"], selection: { kind: "range", from: RUNS[0]!, to: RUNS[11]! } });
    expect(c.run.length).toBe(11);
    expect(c.regressions[0]!.r).toBeGreaterThan(0.5);
    const csv = await api.trends.csv({ ...scope, metrics: ["Z_peak_mass"], selection: { kind: "latest", n: 2 } });
    const lines = csv.csv.trim().split("\n");
    expect(lines[0]).toMatch(/^run,start_time,.*Muons\/Z_peak_mass,Muons\/Z_peak_mass_error$/);
    expect(lines).toHaveLength(3);

    // With an overlay (as the trend page draws it): its columns follow, named as the legend names it, valued per run.
    const selection = { kind: "range" as const, from: RUNS[0]!, to: RUNS[2]! };
    const withOverlay = await api.trends.csv({ ...scope, metrics: ["Z_peak_mass"], selection, overlays: [{ ...scope, selection, metric: "Mean_Tight_DimuonMass_Inclusive" }] });
    const rows = withOverlay.csv.trim().split("\n").map((l) => l.split(","));
    expect(rows[0]!.slice(-4)).toEqual(["Muons/Z_peak_mass", "Muons/Z_peak_mass_error", "Muons/Mean_Tight_DimuonMass_Inclusive", "Muons/Mean_Tight_DimuonMass_Inclusive_error"]);
    const overlayAlone = await api.trends.series({ ...scope, metrics: ["Mean_Tight_DimuonMass_Inclusive"], selection });
    expect(rows.slice(1).map((r) => [Number(r[0]), Number(r.at(-2))])).toEqual(overlayAlone.series[0]!.run.map((run, i) => [run, overlayAlone.series[0]!.value[i]]));
    // An overlay's metric that does not exist is named, as for the trend's own.
    await expect(api.trends.csv({ ...scope, metrics: ["Z_peak_mass"], selection, overlays: [{ ...scope, selection, metric: "no_such_metric" }] })).rejects.toThrow(/unknown metric in Muons: no_such_metric/);
  });

  it("shows a point's run, histogram, reference and links, and run quantities as trends", async () => {
    const d = await api.trends.pointDetails({ subsystem: "Muons", metric: "Z_peak_mass", run: ZSHIFT, primaryDataset: "ZeroBias", processingString: PS, referenceRun: RUNS[0]! });
    expect(d.point?.value).toBeLessThan(89.5);
    expect(d.histogram?.x.nbins).toBe(60);
    expect(d.reference).toMatchObject({ run: RUNS[0], chosenBy: "request" });
    // No reference asked for (and none set by experts for the class): the previous significant run.
    const dflt = await api.trends.pointDetails({ subsystem: "Muons", metric: "Z_peak_mass", run: ZSHIFT, primaryDataset: "ZeroBias", processingString: PS });
    expect(dflt.reference).toMatchObject({ run: ZSHIFT - 1, chosenBy: "previous run" });
    expect(dflt.reference?.histogram.x.nbins).toBe(60);
    expect(d.alarms.map((a) => a.check)).toContain("expectedRange");
    expect(d.links.dqmGui).toContain(`runnr=${ZSHIFT};dataset=${DATASET}`);
    const q = await api.trends.runQuantity({ primaryDataset: "ZeroBias", processingString: PS, selection: { kind: "latest", n: 2 }, quantity: "deliveredLumi" });
    expect(q.value).toEqual([20, 21]);
  });

  it("lists alarms for the overview and for certification, and refuses unknown metrics", async () => {
    const alarms = await api.trends.alarms({ runs: [ZSHIFT] });
    expect(alarms.some((a) => a.metric === "Z_peak_mass" && a.check === "expectedRange")).toBe(true);
    expect((await alarmsForRun(db, ZSHIFT)).Muons?.length).toBeGreaterThan(0);
    await expect(api.trends.series({ ...scope, metrics: ["nope"], selection: { kind: "latest", n: 1 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.trends.series({ ...scope, metrics: ["Z_peak_mass"], selection: { kind: "range", from: 5, to: 1 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
