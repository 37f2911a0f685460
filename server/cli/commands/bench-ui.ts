/**
 * `dqmflow bench ui [--json] [--runs N] [--reps R] [--keep]`: time from navigation to a finished
 * chart of an N-run trend (default 10,000) on `/trends` in headless Chromium, beside a bare
 * HTML page drawing the same data with ECharts. Seeds a scratch schema in the database it is
 * pointed at, builds the app, serves it from a private copy of the build, and removes all of
 * it afterwards (--keep leaves the schema).
 */
import { parseArgs } from "node:util";
import { startBareServer } from "../../../scripts/bench/ui/bare-page";
import { launchChromium, measure, type Sample } from "../../../scripts/bench/ui/measure";
import { BENCH_METRIC, BENCH_PD, BENCH_PS, BENCH_SUBSYSTEM, dropUiBenchSchema, seedUiBench, uiBenchUrl } from "../../../scripts/bench/ui/seed";
import { config } from "../../config/config";
import type { CliCommand } from "../main";
import { privateBuild, removeBuild, ROOT, type RunningApp, startApp, stopApp } from "./bench-app";
import { percentile } from "./bench-support";

function stats(samples: readonly Sample[], key: "renderedMs" | "interactiveMs") {
  const s = samples.map((x) => x[key]).sort((a, b) => a - b);
  return { median: percentile(s, 50), p90: percentile(s, 90), min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN };
}

export const benchUiCommand: CliCommand = {
  summary: "trend page in Chromium vs a bare ECharts page",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, runs: { type: "string", default: "10000" }, reps: { type: "string", default: "9" }, keep: { type: "boolean", default: false } } });
    const runs = Number(values.runs);
    const reps = Number(values.reps);
    if (!Number.isInteger(runs) || runs < 1 || runs > 20_000) throw new Error("--runs must be a whole number from 1 to 20,000");
    if (!Number.isInteger(reps) || reps < 1) throw new Error("--reps must be a positive whole number");
    const url = config().DATABASE_URL;
    const log = (s: string) => values.json || console.log(s);
    log(`bench ui: seeding ${runs} runs in a scratch schema, building the app…`);
    await seedUiBench(url, runs);
    let buildDir: string | null = null;
    let app: RunningApp | null = null;
    let bare: Awaited<ReturnType<typeof startBareServer>> | null = null;
    const browser = await launchChromium();
    try {
      buildDir = await privateBuild("bench-ui");
      app = await startApp(buildDir, { DATABASE_URL: uiBenchUrl(url), TEMPORAL_TASK_QUEUE: "dqmflow-bench-ui" });
      const trendInput = { subsystem: BENCH_SUBSYSTEM, primaryDataset: BENCH_PD, processingString: BENCH_PS, selection: { kind: "latest", n: runs }, includeNonSignificant: false, metrics: [BENCH_METRIC], xAxis: "run" };
      bare = await startBareServer(ROOT, app.origin, trendInput);
      const base = `/trends?ss=${BENCH_SUBSYSTEM}&pd=${BENCH_PD}&ps=${BENCH_PS}&m=${BENCH_METRIC}&n=${runs}`;
      const pages = {
        // The same drawing as the bare page: points, tooltip, zoom.
        page: `${app.origin}${base}&eb=0&fb=0`,
        bare: `${bare.origin}/`,
        // The page's defaults: error bars and fill bands as well.
        pageDefaults: `${app.origin}${base}`,
      };
      const expectPage = (_points: number | null, text: string) => {
        if (!text.includes(`${runs} runs (significant only)`)) throw new Error(`the trend page does not show ${runs} runs`);
      };
      const expectBare = (points: number | null) => {
        if (points !== runs) throw new Error(`the bare page drew ${points} points, not ${runs}`);
      };
      // One unmeasured load of each warms the server (route modules, pool, trend cache) alike.
      await measure(browser, pages.page, expectPage, true);
      await measure(browser, pages.bare, expectBare);
      await measure(browser, pages.pageDefaults, expectPage, true);
      const samples: Record<keyof typeof pages, Sample[]> = { page: [], bare: [], pageDefaults: [] };
      for (let i = 0; i < reps; i++) {
        // Interleaved, so a slow moment of a shared machine hits both sides alike.
        samples.page.push(await measure(browser, pages.page, expectPage, true));
        samples.bare.push(await measure(browser, pages.bare, expectBare));
        samples.pageDefaults.push(await measure(browser, pages.pageDefaults, expectPage, true));
        log(`  repetition ${i + 1}/${reps}: page ${samples.page[i]!.renderedMs.toFixed(0)} ms, bare ${samples.bare[i]!.renderedMs.toFixed(0)} ms, page with error bars and fill bands ${samples.pageDefaults[i]!.renderedMs.toFixed(0)} ms`);
      }
      // When React had hydrated the page's controls (the trend is drawn before): not part of the goal, said beside it.
      const hydrated = (v: Sample[]) => {
        const s = v.map((x) => x.hydratedMs).filter((x): x is number => x !== null).sort((a, b) => a - b);
        return s.length ? { median: percentile(s, 50), p90: percentile(s, 90) } : null;
      };
      const summary = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { rendered: stats(v, "renderedMs"), interactive: stats(v, "interactiveMs"), hydrated: hydrated(v), htmlBytes: v[0]?.htmlBytes ?? 0 }])) as Record<
        keyof typeof pages,
        { rendered: ReturnType<typeof stats>; interactive: ReturnType<typeof stats>; hydrated: ReturnType<typeof hydrated>; htmlBytes: number }
      >;
      const ratio = { median: summary.page.interactive.median / summary.bare.interactive.median, p90: summary.page.interactive.p90 / summary.bare.interactive.p90 };
      const result = { runs, reps, viewport: "1920x1080", ...summary, ratio };
      if (values.json) console.log(JSON.stringify(result));
      else {
        console.log(`bench ui: ${runs}-point trend, navigation → chart drawn and main thread free (ms), ${reps} repetitions, fresh browser context each`);
        const row = (name: string, s: (typeof summary)["page"]) =>
          console.log(
            `  ${name.padEnd(44)} median ${s.interactive.median.toFixed(0).padStart(5)}  p90 ${s.interactive.p90.toFixed(0).padStart(5)}   (drawn: median ${s.rendered.median.toFixed(0)}, p90 ${s.rendered.p90.toFixed(0)}${s.hydrated ? `; controls hydrated: median ${s.hydrated.median.toFixed(0)}, p90 ${s.hydrated.p90.toFixed(0)}` : ""}; HTML ${s.htmlBytes} bytes)`,
          );
        row("/trends (points only, eb=0 fb=0)", summary.page);
        row("bare HTML + ECharts, same data", summary.bare);
        row("/trends defaults (error bars, fill bands)", summary.pageDefaults);
        console.log(`  /trends / bare                               median ${ratio.median.toFixed(2)}×  p90 ${ratio.p90.toFixed(2)}×`);
      }
      return 0;
    } finally {
      await browser.close();
      if (bare) await new Promise((r) => bare!.server.close(r));
      if (app) await stopApp(app);
      if (buildDir) await removeBuild(buildDir);
      if (!values.keep) await dropUiBenchSchema(url);
    }
  },
};
