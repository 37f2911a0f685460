import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { drawn } from "./trend-drawn";
import { type DroppedRun, dropRun, freshRunNumber } from "./pipeline-files";

// A run arrives as real runs do: its OMS metadata and its online and express DQM files are dropped
// in the watched folders of the worker under test; the ingest schedule takes them, certification
// wakes. (HDQM trends show offline datasets, so the express file gives the trend point.)
const shot = "test-results/screenshots";

let dropped: DroppedRun | undefined;
test.afterAll(async () => {
  await dropped?.remove();
});

test("a DQM file dropped in the watched folder brings its run onto the board and its point onto /trends", async ({ page }) => {
  test.setTimeout(180_000);
  const run = freshRunNumber();
  await page.setViewportSize({ width: 1920, height: 1080 });

  // The board watches the run's range before anything of the run exists.
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  await expect(page.getByText("No run under certification matches these filters.")).toBeVisible();
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  const row = page.locator(`tr[data-run="${run}"]`);

  dropped = await dropRun({ runNumber: run, stages: ["online", "express"], lsCount: 300 });

  // Scanned, ingested, certify-run started and its online comparisons done: the open board shows it.
  await expect(row).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId(`status-${run}`)).toContainText("awaiting-signoff", { timeout: 60_000 });
  await expect(page.getByTestId("recent-changes")).toContainText(`run ${run}`);
  await page.screenshot({ path: `${shot}/pipeline-board.png`, fullPage: true });

  // Its HDQM point: the express dataset's trend of the run's subsystem, for this run.
  // The express file may land a scan after the online one: the page is reloaded until it does.
  await page.goto(`/trends?ss=PixelPhase1&pd=ZeroBias&ps=Express-v1&sel=list&list=${run}`);
  const summary = page.getByTestId("trend-summary");
  await expect(async () => {
    await page.reload();
    await expect(summary).toContainText("PixelPhase1 · ZeroBias / Express-v1 · 1 listed runs · 1 run (significant only)", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  const trend = page.getByTestId("trend-chart");
  await expect(drawn(trend)).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Trend data as CSV" }).click();
  const csv = (await readFile(await (await download).path(), "utf8")).trim().split("\n");
  expect(csv.slice(1).map((l) => l.split(",")[0])).toEqual([String(run)]);
  // The run's value of the metric shown (the column after the run metadata).
  const head = csv[0]!.split(",");
  const col = head.findIndex((h) => h.startsWith("PixelPhase1/") && !h.endsWith("_error"));
  expect(col).toBeGreaterThan(0);
  expect(csv[1]!.split(",")[col]).toMatch(/^-?\d/);
  await page.screenshot({ path: `${shot}/pipeline-trend.png`, fullPage: true });
});
