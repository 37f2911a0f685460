/**
 * `trend_run` (migration 2026-12-01T1300) against what the per-request aggregate of `dataset` ⋈
 * `run` computes, after the real writers: ingest creating runs it has not heard of (provisional),
 * OMS completing and changing them, a significance change, deletion; and the columnar answer
 * against the deprecated `trends.series` one.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHistograms } from "../../scripts/demo/run-histograms";
import type { DemoRun } from "../../scripts/demo/season";
import { metricCatalog } from "../ingest/catalog";
import { ingestHistogramSet } from "../ingest/ingest-histograms";
import { importOmsRecords } from "../ingest/oms-import";
import { forgetRuns, omsRun } from "../ingest/test-support";
import { createCaller } from "../trpc/app-router";
import { identityOf, testServices } from "../testing/integration";

const services = testServices();
const db = services.db;
const api = createCaller({ services, identity: identityOf("viewer") });
const PS = "TrendRunTest-v1";
const DATASET = `/ZeroBias/Run2017F-${PS}/DQMIO`;
const RUNS = Array.from({ length: 6 }, (_, i) => 990501 + i);
const T0 = Date.parse("2017-10-01T00:00:00Z");

function demoRun(run: number, i: number): DemoRun {
  const start = new Date(T0 + i * 6 * 3600e3);
  return { run, start, end: new Date(start.getTime() + 3 * 3600e3), runClass: "Collisions", fill: 6200 + i, hltKey: "x", lsCount: 400, deliveredLumi: 50, recordedLumi: 48, golden: null, season: i / 6, problems: new Set() };
}

/** Rows of the aggregate's source that trend_run lacks or holds differently, and the reverse, over the whole database in one snapshot. */
async function differences(): Promise<{ missing: number; extra: number; rows: number }> {
  const { rows } = await sql<{ missing: number; extra: number; rows: number }>`
    with computed as (
      select d.id, d.primary_dataset, d.processing_string, d.run_number, extract(epoch from r.start_time) * 1000 as start_ms,
             r.fill_number, r.duration_s, r.delivered_lumi, r.recorded_lumi, r.ls_count, r.significant
      from dataset d join run r on r.run_number = d.run_number),
    kept as (select dataset_id, primary_dataset, processing_string, run_number, start_ms, fill_number, duration_s, delivered_lumi, recorded_lumi, ls_count, significant from trend_run)
    select (select count(*) from (select * from computed except select * from kept) a)::int as missing,
           (select count(*) from (select * from kept except select * from computed) b)::int as extra,
           (select count(*) from kept)::int as rows`.execute(db);
  return rows[0]!;
}

async function ours() {
  const { rows } = await sql<{ run_number: number; fill_number: number | null; significant: boolean; delivered_lumi: number | null }>`
    select run_number, fill_number, significant, delivered_lumi from trend_run where processing_string = ${PS} order by run_number`.execute(db);
  return rows;
}

beforeAll(async () => {
  await forgetRuns(db, RUNS);
}, 60_000);
afterAll(async () => {
  await forgetRuns(db, RUNS);
  await services.close();
});

describe("trend_run", () => {
  it("holds what the aggregate computes, after every writer of the columns it summarises", async () => {
    // Ingest first: the runs are created provisional, without fill or luminosity.
    const catalog = await metricCatalog();
    for (const [i, run] of RUNS.entries()) {
      await ingestHistogramSet(db, catalog, { source: { path: `test:${run}`, kind: "generated", checksum: `tr${run}`, sizeBytes: 0, version: 1 }, run, dataset: DATASET, mes: runHistograms(demoRun(run, i)), referenceRun: RUNS[0]!, provisionalRunStart: new Date(T0 + i * 6 * 3600e3) });
    }
    expect((await ours()).map((r) => r.run_number)).toEqual(RUNS);
    expect(await differences()).toMatchObject({ missing: 0, extra: 0 });

    // OMS completes the runs (insert … on conflict do update): fill and luminosity arrive.
    await importOmsRecords(db, RUNS.map((r, i) => omsRun(r, new Date(T0 + i * 6 * 3600e3).toISOString(), { fill_number: 6300 + i, delivered_lumi: 10 + i })), "test");
    expect((await ours()).map((r) => [r.fill_number, r.delivered_lumi])).toEqual(RUNS.map((_, i) => [6300 + i, 10 + i]));
    expect(await differences()).toMatchObject({ missing: 0, extra: 0 });

    // A run made non-significant (as the Run Registry writes do), then deleted.
    await db.updateTable("run").set({ significant: false }).where("run_number", "=", RUNS[2]!).execute();
    expect((await ours()).find((r) => r.run_number === RUNS[2])?.significant).toBe(false);
    await forgetRuns(db, [RUNS[5]!]);
    expect((await ours()).map((r) => r.run_number)).toEqual(RUNS.slice(0, 5));
    const after = await differences();
    expect(after).toMatchObject({ missing: 0, extra: 0 });
    expect(after.rows).toBeGreaterThan(0);
  }, 120_000);

  it("answers trends.columns with the same runs, x and values as trends.series, in fewer bytes", async () => {
    const scope = { subsystem: "Muons", primaryDataset: "ZeroBias", processingString: PS, selection: { kind: "range" as const, from: RUNS[0]!, to: RUNS[4]! }, includeNonSignificant: true };
    for (const xAxis of ["run", "fill", "luminosity"] as const) {
      const old = await api.trends.series({ ...scope, metrics: ["Z_peak_mass", "Z_peak_width"], xAxis });
      const cols = await api.trends.columns({ ...scope, metrics: ["Z_peak_mass", "Z_peak_width"], xAxis, runFields: ["fill", "significant"] });
      expect(cols.run).toEqual(old.runs.run);
      expect(cols.runFields).toEqual({ fill: old.runs.fill, significant: old.runs.significant });
      expect(cols.x).toEqual(xAxis === "run" ? null : old.series[0]!.x);
      expect(cols.width).toEqual(old.series[0]!.width);
      cols.series.forEach((s, k) => {
        expect(s.value).toEqual(old.series[k]!.value);
        expect(s.error).toEqual(old.series[k]!.error);
      });
      expect(JSON.stringify(cols).length).toBeLessThan(JSON.stringify(old).length);
    }
    // Significant runs only: the run made non-significant is left out of both.
    const sig = await api.trends.columns({ ...scope, includeNonSignificant: false, metrics: ["Z_peak_mass"] });
    expect(sig.run).toEqual([RUNS[0], RUNS[1], RUNS[3], RUNS[4]]);
    const latest = await api.trends.columns({ ...scope, selection: { kind: "latest", n: 2 }, metrics: ["Z_peak_mass"] });
    expect(latest.run).toEqual([RUNS[3], RUNS[4]]);
    await expect(api.trends.columns({ ...scope, metrics: ["Z_peak_mass"], runFields: ["nope" as "fill"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("fills null where a run has no point of a metric", async () => {
    await sql`delete from metric_point p using metric_definition m where m.id = p.metric_id and m.subsystem = 'Muons' and m.name = 'Z_peak_mass' and p.run_number = ${RUNS[1]!}`.execute(db);
    const cols = await api.trends.columns({ subsystem: "Muons", primaryDataset: "ZeroBias", processingString: PS, selection: { kind: "range", from: RUNS[0]!, to: RUNS[4]! }, includeNonSignificant: true, metrics: ["Z_peak_mass", "Z_peak_width"] });
    expect(cols.series[0]!.value[1]).toBeNull();
    expect(cols.series[0]!.value.filter((v) => v === null)).toHaveLength(1);
    expect(cols.series[1]!.value.every((v) => v !== null)).toBe(true);
  });
});
