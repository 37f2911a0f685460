import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { drawn } from "./trend-drawn";
import { setRole } from "./certification-api";

// Journeys through the HDQM trend browser on the demo season (339 runs of ZeroBias /
// 09Aug2019_UL2017-v1, 329 of them significant). Nothing else is assumed about the data.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/trends-${name}.png`, fullPage: true });


async function openMuons(page: Page) {
  await page.goto("/trends");
  await page.getByLabel("Subsystem").selectOption("Muons");
  await expect(page).toHaveURL(/ss=Muons/);
  const trend = page.getByTestId("trend-chart");
  await expect(drawn(trend)).toBeVisible();
  return trend;
}

// Checkboxes here follow the URL: a click starts a navigation and the box shows the new state
// from then on, so tests click and then expect the state rather than use check().
test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
});

test("browse a trend: pick a subsystem, search and overlay metrics, change the x axis and runs", async ({ page }) => {
  await page.goto("/trends");
  await expect(page.getByRole("heading", { name: "HDQM trends" })).toBeVisible();
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();
  await shot(page, "default");

  const trend = await openMuons(page);
  await expect(page.getByTestId("trend-summary")).toContainText(/Muons · ZeroBias \/ 09Aug2019_UL2017-v1 · latest 500 runs · \d+ runs \(significant only\)/);
  const significant = Number(/(\d+) runs \(significant only\)/.exec((await page.getByTestId("trend-summary").textContent()) ?? "")?.[1]);

  const metrics = page.getByRole("list", { name: "Metrics" });
  await expect(metrics.getByRole("checkbox")).toHaveCount(5);
  await page.getByLabel("Search metrics").fill("z_peak");
  // The two matches, and the metric already shown (chosen metrics always stay in the list).
  await expect(metrics.getByRole("checkbox")).toHaveCount(3);
  await expect(page.getByText("2 of 5 metrics match")).toBeVisible();
  await expect(page).toHaveURL(/q=z_peak/);
  await page.getByLabel("Search metrics").fill("no such metric");
  await expect(page.getByText("No metric matches “no such metric”.")).toBeVisible();
  await expect(metrics.getByRole("checkbox")).toHaveCount(1);
  await page.getByLabel("Search metrics").fill("Z_peak");

  // The subsystem's first metric is shown; overlay a second one.
  await expect(metrics.getByRole("checkbox", { name: "Z_peak_mass" })).not.toBeChecked();
  await metrics.getByRole("checkbox", { name: "Z_peak_mass" }).click();
  await expect(metrics.getByRole("checkbox", { name: "Z_peak_mass" })).toBeChecked();
  await expect(page).toHaveURL(/m=Mean_Of_ValidHits_Sta%2CZ_peak_mass/);
  // Taken off, it no longer matches the filter and leaves the list.
  await metrics.getByRole("checkbox", { name: "Mean_Of_ValidHits_Sta" }).click();
  await expect(page).toHaveURL(/m=Z_peak_mass(&|$)/);
  await expect(metrics.getByRole("checkbox")).toHaveCount(2);
  await metrics.getByRole("checkbox", { name: "Z_peak_width" }).click();
  await expect(metrics.getByRole("checkbox", { name: "Z_peak_width" })).toBeChecked();
  await expect(page).toHaveURL(/m=Z_peak_mass%2CZ_peak_width/);
  await expect(drawn(trend)).toBeVisible();
  await shot(page, "overlay");

  await page.getByLabel("x axis").selectOption("fill");
  await expect(page).toHaveURL(/x=fill/);
  await expect(drawn(trend)).toBeVisible();
  await shot(page, "x-fill");
  await page.getByLabel("x axis").selectOption("luminosity");
  await expect(page).toHaveURL(/x=luminosity/);
  await expect(drawn(trend)).toBeVisible();

  // Fewer runs, then every run including the non-significant ones.
  await page.getByLabel("Number of latest runs").fill("50");
  await page.getByRole("button", { name: "Apply runs" }).click();
  await expect(page.getByTestId("trend-summary")).toContainText("latest 50 runs · 50 runs");
  await page.getByLabel("Include non-significant runs").click();
  await expect(page.getByLabel("Include non-significant runs")).toBeChecked();
  await expect(page.getByTestId("trend-summary")).toContainText("latest 50 runs · 50 runs");
  await page.getByLabel("Number of latest runs").fill("1000");
  await page.getByRole("button", { name: "Apply runs" }).click();
  await expect(page.getByTestId("trend-summary")).toContainText(/latest 1000 runs · \d+ runs$/);
  // The demo season has cosmic, commissioning and special runs HDQM hides by default.
  const all = Number(/(\d+) runs$/.exec((await page.getByTestId("trend-summary").textContent()) ?? "")?.[1]);
  expect(all).toBeGreaterThan(significant);

  // Correlation with its regression, and a run quantity as a trend of its own.
  await page.getByLabel("Correlation of the first 2–3 metrics").click();
  await expect(page.getByLabel("Correlation of the first 2–3 metrics")).toBeChecked();
  await expect(drawn(page.getByRole("region", { name: "Correlation Z_peak_width vs Z_peak_mass" }))).toBeVisible();
  await page.getByLabel("Run metadata trend").selectOption("recordedLumi");
  await expect(drawn(page.getByRole("region", { name: "Run metadata" }))).toBeVisible();
  await shot(page, "correlation-metadata");
});

test("choose runs by list and by an uploaded golden JSON, with clear errors", async ({ page }, testInfo) => {
  await openMuons(page);
  await page.getByLabel("Choose runs by").selectOption("range");
  await page.getByLabel("First run").fill("297050");
  await page.getByLabel("Last run").fill("297200");
  await page.getByRole("button", { name: "Apply runs" }).click();
  await expect(page).toHaveURL(/sel=range&from=297050&to=297200/);
  await expect(page.getByTestId("trend-summary")).toContainText("runs 297050–297200");

  await page.getByLabel("Choose runs by").selectOption("list");
  await page.getByLabel("Run numbers").fill("1, 2");
  await page.getByRole("button", { name: "Apply runs" }).click();
  await expect(page.getByText("No runs match this selection.", { exact: false })).toBeVisible();

  const bad = testInfo.outputPath("bad.json");
  const good = testInfo.outputPath("golden.json");
  const { writeFile } = await import("node:fs/promises");
  await writeFile(bad, '{"297050": [[20, 10]]}');
  await page.getByLabel("Choose runs by").selectOption("golden");
  await page.getByLabel("Golden JSON file", { exact: true }).setInputFiles(bad);
  await expect(page.getByRole("alert")).toContainText("bad.json: run 297050: [20,10] is not a range");

  // Two demo runs, taken from the page's own CSV of the latest runs.
  await page.getByLabel("Choose runs by").selectOption("latest");
  await page.getByLabel("Number of latest runs").fill("2");
  await page.getByRole("button", { name: "Apply runs" }).click();
  await expect(page.getByTestId("trend-summary")).toContainText("· 2 runs");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Trend data as CSV" }).click();
  const csv = await readFile((await (await download).path()), "utf8");
  const runs = csv.trim().split("\n").slice(1).map((l) => l.split(",")[0]!);
  expect(runs).toHaveLength(2);
  await writeFile(good, JSON.stringify({ [runs[0]!]: [[1, 20]], [runs[1]!]: [[1, 5], [10, 30]] }));
  await page.getByLabel("Choose runs by").selectOption("golden");
  await page.getByLabel("Golden JSON file", { exact: true }).setInputFiles(good);
  await expect(page).toHaveURL(new RegExp(`sel=golden&g=${runs[0]}\\.1-20_${runs[1]}\\.1-5\\.10-30`));
  await expect(page.getByTestId("trend-summary")).toContainText("2 runs of a golden JSON · 2 runs");
  await page.getByLabel("Run metadata trend").selectOption("certifiedFraction");
  await expect(drawn(page.getByRole("region", { name: "Run metadata" }))).toBeVisible();
  await shot(page, "golden");
});

test("a year's golden JSON (1,200 runs) is kept server-side: the URL carries its code, never its runs", async ({ page, baseURL }, testInfo) => {
  await setRole(page.context(), baseURL!, "viewer"); // keeping a selection is a write: an anonymous caller may only read
  await openMuons(page);
  await page.getByLabel("Choose runs by").selectOption("latest");
  await page.getByLabel("Number of latest runs").fill("3");
  await page.getByRole("button", { name: "Apply runs" }).click();
  await expect(page.getByTestId("trend-summary")).toContainText("· 3 runs");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Trend data as CSV" }).click();
  const demoRuns = (await readFile((await (await download).path()), "utf8")).trim().split("\n").slice(1).map((l) => Number(l.split(",")[0]));
  // Three demo runs among 1,197 others (a golden JSON of a year lists runs this page may not hold).
  const golden: Record<string, [number, number][]> = {};
  for (let i = 0; i < 1197; i++) golden[String(700_000 + 3 * i)] = [[1, 40], [45, 120]];
  for (const run of demoRuns) golden[String(run)] = [[1, 30]];
  const file = testInfo.outputPath("year.json");
  const { writeFile } = await import("node:fs/promises");
  await writeFile(file, JSON.stringify(golden));
  await page.getByLabel("Choose runs by").selectOption("golden");
  await page.getByLabel("Golden JSON file", { exact: true }).setInputFiles(file);
  await expect(page).toHaveURL(/sel=golden&gs=[\w-]{16}(&|$)/);
  expect(page.url().length).toBeLessThan(400);
  await expect(page.getByTestId("trend-summary")).toContainText("1200 runs of a golden JSON · 3 runs");
  // The link works for anyone who opens it, the same file gets the same code, and an unknown code is a 404.
  const url = page.url();
  await page.context().clearCookies();
  await page.goto(url);
  await expect(page.getByTestId("trend-summary")).toContainText("1200 runs of a golden JSON · 3 runs");
  const unknown = await page.goto(url.replace(/gs=[\w-]{16}/, "gs=AAAAAAAAAAAAAAAA"));
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("open a point's details: run metadata, histogram over its reference, links", async ({ page }) => {
  const trend = await openMuons(page);
  await page.getByLabel("Search metrics").fill("Z_peak_mass");
  await page.getByRole("checkbox", { name: "Z_peak_mass" }).click();
  await expect(page.getByRole("checkbox", { name: "Z_peak_mass" })).toBeChecked();
  await page.getByRole("checkbox", { name: "Mean_Of_ValidHits_Sta" }).click();
  await expect(page).toHaveURL(/m=Z_peak_mass(&|$)/);

  // A click on the chart opens that run's details. With runs placed end to end (width ∝
  // duration) every column of the plot crosses a point: walk up and down from the middle of one
  // until the pointer turns into a hand over a point, then click.
  await page.getByLabel("x axis").selectOption("duration");
  await expect(page).toHaveURL(/x=duration/);
  await expect(drawn(trend)).toBeVisible();
  const canvas = trend.locator("canvas").first();
  const box = (await canvas.boundingBox())!;
  let opened = false;
  for (let x = box.x + box.width / 2; x < box.x + box.width / 2 + 40 && !opened; x += 5) {
    for (let d = 0; d < box.height / 2 - 90 && !opened; d += 2) {
      for (const y of [box.y + box.height / 2 + d, box.y + box.height / 2 - d]) {
        await page.mouse.move(x, y);
        if (await canvas.evaluate((c) => getComputedStyle(c).cursor === "pointer")) {
          await page.mouse.click(x, y);
          opened = true;
          break;
        }
      }
    }
  }
  expect(opened).toBe(true);
  await expect(page).toHaveURL(/pt=\d+&pm=Z_peak_mass/);
  const details = page.getByRole("region", { name: /^Run \d+ · Z_peak_mass$/ });
  await expect(details).toBeVisible();

  // The keyboard way: a run number and a metric.
  const run = Number(/pt=(\d+)/.exec(page.url())![1]);
  const other = run === 304119 ? 304062 : 304119;
  await page.getByLabel("Run", { exact: true }).fill(String(other));
  await page.getByRole("button", { name: "Show point details" }).click();
  await expect(page).toHaveURL(new RegExp(`pt=${other}&pm=Z_peak_mass`));
  const panel = page.getByRole("region", { name: `Run ${other} · Z_peak_mass` });
  await expect(panel.getByText(/Run class/)).toBeVisible();
  await expect(panel.getByText(/^\d+(\.\d+)? ± \d/)).toBeVisible();
  const histogram = page.getByTestId("point-histogram");
  await expect(drawn(histogram)).toBeVisible();
  await expect(histogram).toContainText(/run \d+, (the previous significant run|the experts' reference for this run class), scaled to this run's entries/);
  await expect(panel.getByRole("link", { name: "DQM GUI" })).toHaveAttribute("href", new RegExp(`runnr=${other};dataset=/ZeroBias/`));
  await expect(panel.getByRole("link", { name: "OMS" })).toHaveAttribute("href", new RegExp(`cms_run=${other}`));
  await expect(panel.getByRole("link", { name: "Run Registry" })).toHaveAttribute("href", new RegExp(`run_number=${other}`));
  await shot(page, "point-details");

  // Another reference run, kept in the URL.
  await histogram.getByLabel("Reference run").fill("297050");
  await histogram.getByRole("button", { name: "Show reference" }).click();
  await expect(page).toHaveURL(/ref=297050/);
  await expect(histogram).toContainText("run 297050, chosen here");
  await expect(drawn(histogram)).toBeVisible();

  await panel.getByRole("button", { name: "Close point details" }).click();
  await expect(page).not.toHaveURL(/pt=/);
  await expect(panel).toBeHidden();
});

test("share a view as a short link and follow it back to the same view", async ({ page, baseURL }) => {
  await setRole(page.context(), baseURL!, "viewer"); // an anonymous caller may only read; a viewer may share
  await page.goto("/trends?ss=Muons&m=Z_peak_mass%2CZ_peak_width&x=time&eb=0&n=120&pt=304119&pm=Z_peak_mass");
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();
  const before = new URL(page.url());
  await page.getByRole("button", { name: "Share" }).click();
  const link = page.getByRole("textbox", { name: "Short link" });
  await expect(link).toHaveValue(/\/s\/[\w-]{4,16}$/);
  await shot(page, "share");
  const short = await link.inputValue();

  await page.goto("/");
  await page.goto(short);
  await expect(page).toHaveURL(/\/trends\?/);
  const after = new URL(page.url());
  expect(after.pathname + after.search).toBe(before.pathname + before.search);
  await expect(page.getByLabel("x axis")).toHaveValue("time");
  await expect(page.getByLabel("Error bars")).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Z_peak_width" })).toBeChecked();
  await expect(page.getByTestId("trend-summary")).toContainText("latest 120 runs");
  await expect(page.getByRole("region", { name: "Run 304119 · Z_peak_mass" })).toBeVisible();
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();
});

test("download a chart's data as CSV and its image as PNG", async ({ page }) => {
  await page.goto("/trends?ss=Muons&m=Z_peak_mass&n=30");
  const trend = page.getByTestId("trend-chart");
  await expect(drawn(trend)).toBeVisible();

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Trend data as CSV" }).click();
  const csvFile = await csvDownload;
  // Files name subsystem, metric, dataset and run range.
  expect(csvFile.suggestedFilename()).toMatch(/^hdqm-Muons-Z_peak_mass-ZeroBias-09Aug2019_UL2017-v1-runs\d+-\d+\.csv$/);
  const lines = (await readFile((await csvFile.path()), "utf8")).trim().split("\n");
  expect(lines[0]).toMatch(/^run,start_time,fill,.*,Muons\/Z_peak_mass,Muons\/Z_peak_mass_error$/);
  expect(lines).toHaveLength(31);
  expect(lines[1]!.split(",").at(-2)).toMatch(/^\d+\.\d+$/);

  const pngDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Trend as PNG" }).click();
  const pngFile = await pngDownload;
  expect(pngFile.suggestedFilename()).toMatch(/^hdqm-Muons-Z_peak_mass-ZeroBias-09Aug2019_UL2017-v1-runs\d+-\d+\.png$/);
  const png = await readFile((await pngFile.path()));
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(10_000);
  // The page is dark; the picture is light (white corners) and has no zoom slider below the axis (where it was drawn, left of the axis title).
  const corners = await page.evaluate(async (dataUrl) => {
    const img = new Image();
    img.src = dataUrl;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext("2d")!;
    g.drawImage(img, 0, 0);
    const at = (x: number, y: number) => [...g.getImageData(x, y, 1, 1).data];
    return { topLeft: at(2, 2), bottomRight: at(img.width - 3, img.height - 3), bottomBand: at(Math.round(img.width * 0.15), img.height - 48) };
  }, `data:image/png;base64,${png.toString("base64")}`);
  expect(corners.topLeft).toEqual([255, 255, 255, 255]);
  expect(corners.bottomRight).toEqual([255, 255, 255, 255]);
  expect(corners.bottomBand).toEqual([255, 255, 255, 255]);
});

test("the trend page works at a laptop's width and in the light theme", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto("/trends?ss=Tracking&m=NumberOfTracks_GenTk_mean&x=time");
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();
  await shot(page, "laptop");
  await page.getByRole("button", { name: "Toggle light or dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();
  await shot(page, "light");
  await page.getByRole("button", { name: "Toggle light or dark theme" }).click();
});

test("the trend is drawn before the page hydrates, and the hydrated page keeps that chart", async ({ page }) => {
  // Notes the chart's ECharts instance, and whether React had hydrated, when the chart first says it is drawn.
  await page.addInitScript(() => {
    const w = window as unknown as { firstDrawn?: { instance: string | null; hydrated: boolean } };
    new MutationObserver(() => {
      const chart = document.querySelector('[data-testid="trend-chart"] [role="img"][data-rendered="true"]');
      if (chart && !w.firstDrawn) w.firstDrawn = { instance: chart.getAttribute("_echarts_instance_"), hydrated: document.documentElement.dataset.hydrated === "true" };
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-rendered"] });
  });
  await page.goto("/trends?ss=Muons&m=Z_peak_mass&pt=304119&pm=Z_peak_mass");
  const trend = page.getByTestId("trend-chart");
  await expect(drawn(trend)).toBeVisible();
  const first = await page.evaluate(() => (window as unknown as { firstDrawn?: { instance: string | null; hydrated: boolean } }).firstDrawn);
  expect(first, "the chart was drawn").toBeDefined();
  expect(first!.hydrated, "drawn before React hydrated the page").toBe(false);
  // Adopted, not drawn again (the opened point's ring is part of what was drawn): the same ECharts instance after hydration.
  await expect(trend.getByRole("img")).toHaveAttribute("_echarts_instance_", first!.instance!);
  await expect(page.getByRole("heading", { name: "Run 304119 · Z_peak_mass" })).toBeVisible();
  // The hydrated page answers: closing the point's details redraws the chart without the ring, in the same chart.
  await page.getByRole("button", { name: "Close point details" }).click();
  await expect(page).not.toHaveURL(/pt=/);
  await expect(drawn(trend)).toBeVisible();
  await expect(trend.getByRole("img")).toHaveAttribute("_echarts_instance_", first!.instance!);
});
