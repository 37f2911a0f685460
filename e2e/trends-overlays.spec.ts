import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { drawn } from "./trend-drawn";

// Overlays on the trend chart (issue 14, item 4) on the demo season (ZeroBias /
// 09Aug2019_UL2017-v1): a series of another subsystem added from the form, named in the legend
// with a right y axis for its unit, kept in the URL across a reload; an unknown name in `ov`
// answered; a point of the overlay opened; the overlay removed.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/trends-overlays-${name}.png`, fullPage: true });

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
});

test("an overlay from another subsystem is drawn with its own legend entry and axis, and kept after a reload", async ({ page }) => {
  await page.goto("/trends?ss=Muons&m=Z_peak_mass&n=60");
  const trend = page.getByTestId("trend-chart");
  await expect(drawn(trend)).toBeVisible();
  const overlays = page.getByRole("region", { name: "Overlays" });
  await overlays.getByLabel("Overlay from").selectOption("Tracking");
  await overlays.getByLabel("Overlay metric").selectOption("NumberOfTracks_GenTk_mean");
  await overlays.getByRole("button", { name: "Add overlay" }).click();
  await expect(page).toHaveURL(/[?&]ov=Tracking%3ANumberOfTracks_GenTk_mean(&|$)/);
  const chart = drawn(trend);
  await expect(chart).toHaveAttribute("aria-description", "x: Run number; y: value [GeV]; right y: Tracks per event; series: Z_peak_mass, Tracking/NumberOfTracks_GenTk_mean");
  await expect(overlays.getByRole("button", { name: "Remove overlay Tracking/NumberOfTracks_GenTk_mean" })).toBeVisible();
  await shot(page, "added");

  await page.reload();
  await expect(drawn(page.getByTestId("trend-chart"))).toHaveAttribute("aria-description", /series: Z_peak_mass, Tracking\/NumberOfTracks_GenTk_mean$/);
  await expect(page.getByRole("region", { name: "Overlays" }).getByText("Tracking/NumberOfTracks_GenTk_mean")).toBeVisible();

  // A second overlay from another dataset of the same subsystem: same unit, so the left axis; its dataset in its name.
  await overlays.getByLabel("Overlay from").selectOption("Muons");
  await overlays.getByLabel("Overlay metric").selectOption("Z_peak_mass");
  await overlays.getByLabel("Overlay dataset").selectOption({ label: "ZeroBias / PromptReco-v1" });
  await overlays.getByRole("button", { name: "Add overlay" }).click();
  await expect(page).toHaveURL(/ov=Tracking%3ANumberOfTracks_GenTk_mean&ov=Muons%3AZ_peak_mass%3AZeroBias%3APromptReco-v1/);
  await expect(drawn(page.getByTestId("trend-chart"))).toHaveAttribute("aria-description", "x: Run number; y: value [GeV]; right y: Tracks per event; series: Z_peak_mass, Tracking/NumberOfTracks_GenTk_mean, Muons/Z_peak_mass (ZeroBias / PromptReco-v1)");

  // The chart's data as CSV holds the overlays' columns too, named as the legend names them.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Trend data as CSV" }).click();
  const lines = (await readFile(await (await download).path(), "utf8")).trim().split("\n");
  expect(lines[0]).toMatch(/,Muons\/Z_peak_mass,Muons\/Z_peak_mass_error,Tracking\/NumberOfTracks_GenTk_mean,Tracking\/NumberOfTracks_GenTk_mean_error,Muons\/Z_peak_mass \(ZeroBias \/ PromptReco-v1\),Muons\/Z_peak_mass \(ZeroBias \/ PromptReco-v1\)_error$/);
  expect(lines.length).toBeGreaterThanOrEqual(61);
  expect(lines.slice(1).filter((l) => /^\d+\.?\d*$/.test(l.split(",").at(-4) ?? "")).length).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Remove overlay Muons/Z_peak_mass (ZeroBias / PromptReco-v1)" }).click();
  await expect(page).not.toHaveURL(/PromptReco/);
  await page.getByRole("button", { name: "Remove overlay Tracking/NumberOfTracks_GenTk_mean" }).click();
  await expect(page).not.toHaveURL(/ov=/);
  await expect(drawn(page.getByTestId("trend-chart"))).toHaveAttribute("aria-description", "x: Run number; y: value [GeV]");
});

test("a point of an overlay says which series it belongs to", async ({ page }) => {
  await page.goto("/trends?ss=Muons&m=Z_peak_mass&n=60&ov=Tracking:NumberOfTracks_GenTk_mean");
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Trend data as CSV" }).click();
  const run = Number((await readFile(await (await download).path(), "utf8")).trim().split("\n")[1]!.split(",")[0]);
  await page.goto(`/trends?ss=Muons&m=Z_peak_mass&n=60&ov=Tracking:NumberOfTracks_GenTk_mean&pt=${run}&pm=NumberOfTracks_GenTk_mean&po=1`);
  const details = page.getByRole("region", { name: `Run ${run} · NumberOfTracks_GenTk_mean` });
  await expect(details.getByTestId("point-series")).toHaveText("Series: overlay Tracking/NumberOfTracks_GenTk_mean");
  await expect(details.getByText("Tracks per event", { exact: false }).first()).toBeVisible();
  await page.goto(`/trends?ss=Muons&m=Z_peak_mass&n=60&pt=${run}&pm=Z_peak_mass`);
  await expect(page.getByRole("region", { name: `Run ${run} · Z_peak_mass` }).getByTestId("point-series")).toHaveText("Series: Muons/Z_peak_mass (the chart's series)");
});

test("an unknown name in an overlay is answered with the closest names and a way to remove it", async ({ page }) => {
  await page.goto("/trends?ss=Muons&m=Z_peak_mass&ov=Trackin:NumberOfTracks_GenTk_mean");
  const problems = page.getByRole("region", { name: "This link asks for something that is not there" });
  await expect(problems.getByRole("alert")).toContainText("The overlay names no subsystem “Trackin”. Did you mean one of these?");
  await expect(page.getByTestId("trend-chart")).toHaveCount(0);
  await expect(problems.getByRole("link", { name: "remove this overlay" })).toBeVisible();
  await problems.getByRole("link", { name: "Tracking/NumberOfTracks_GenTk_mean" }).click();
  await expect(page).toHaveURL(/ov=Tracking%3ANumberOfTracks_GenTk_mean/);
  await expect(drawn(page.getByTestId("trend-chart"))).toHaveAttribute("aria-description", /series: Z_peak_mass, Tracking\/NumberOfTracks_GenTk_mean$/);

  await page.goto("/trends?ss=Muons&m=Z_peak_mass&ov=Muons:Z_peak_widht");
  await expect(page.getByRole("alert")).toContainText("The overlay names no metric “Z_peak_widht” in Muons.");
  await page.getByRole("link", { name: "remove this overlay" }).click();
  await expect(page).not.toHaveURL(/ov=/);
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();
});
