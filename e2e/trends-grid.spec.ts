import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { drawn } from "./trend-drawn";

// Journeys through the trend page's subsystem grid (issue 14, item 4) on the demo season
// (ZeroBias / 09Aug2019_UL2017-v1; Muons has 5 metrics): the grid on the luminosity axis,
// the full-screen view, axis ranges, unknown names in a URL, and a point's neighbours.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/trends-grid-${name}.png`, fullPage: true });

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
});

test("every metric of a subsystem as a grid on the integrated-luminosity axis, one of them full screen", async ({ page }) => {
  await page.goto("/trends?ss=Muons");
  await page.getByLabel("x axis").selectOption("luminosity");
  await expect(page).toHaveURL(/x=luminosity/);
  await page.getByLabel(/as a grid/).click();
  await expect(page).toHaveURL(/grid=1/);

  const grid = page.getByRole("region", { name: "All metrics of Muons" });
  await expect(grid.getByRole("heading", { name: "All 5 metrics of Muons" })).toBeVisible();
  const tiles = grid.getByRole("list", { name: "Metric charts" }).getByRole("listitem");
  await expect(tiles).toHaveCount(5);
  await expect(drawn(grid)).toHaveCount(5);
  // Every tile is drawn against integrated luminosity in fb⁻¹.
  for (const chart of await grid.getByRole("img").all()) await expect(chart).toHaveAttribute("aria-description", /^x: Integrated luminosity \[fb⁻¹\]/);
  await shot(page, "luminosity");

  await grid.getByRole("button", { name: "Show Z_peak_mass full screen" }).click();
  await expect(page).toHaveURL(/fs=Z_peak_mass/);
  const dialog = page.getByRole("dialog", { name: "Z_peak_mass full screen" });
  await expect(drawn(dialog)).toBeVisible();
  // The y title carries the unit and does not repeat the chart's title.
  await expect(dialog.getByRole("img")).toHaveAttribute("aria-description", "x: Integrated luminosity [fb⁻¹] (runs end to end); y: value [GeV]");
  await shot(page, "fullscreen");
  await dialog.getByRole("button", { name: "Next metric" }).click();
  await expect(page).toHaveURL(/fs=Z_peak_width/);
  await expect(page.getByRole("dialog", { name: "Z_peak_width full screen" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).not.toHaveURL(/fs=/);

  // A manual y range and an x range in fb⁻¹ apply to the drawn charts without a new request.
  const ranges = page.getByRole("form", { name: "Axis ranges" });
  await ranges.getByLabel(/y from/).fill("abc");
  await ranges.getByRole("button", { name: "Apply ranges" }).click();
  await expect(ranges.getByRole("alert")).toHaveText("y from: “abc” is not a number");
  await ranges.getByLabel(/y from/).fill("80");
  await ranges.getByLabel(/y to/).fill("100");
  await ranges.getByLabel(/x from/).fill("0.5");
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await ranges.getByRole("button", { name: "Apply ranges" }).click();
  await expect(page).toHaveURL(/ymin=80&ymax=100&xmin=0.5/);
  await expect(grid.getByRole("img").first()).toHaveAttribute("aria-description", "x: Integrated luminosity [fb⁻¹] (runs end to end) from 500 to auto; y: from 80 to 100");
  expect(requests.filter((u) => u.includes("_data=") || u.includes("/api/trpc"))).toEqual([]);
});

test("an unknown metric or subsystem in a URL is answered with the closest names, not replaced", async ({ page }) => {
  await page.goto("/trends?ss=Muons&m=Z_peak_mass,Z_peak_widht&n=30");
  const problems = page.getByRole("region", { name: "This link asks for something that is not there" });
  await expect(problems.getByRole("alert")).toContainText("There is no metric “Z_peak_widht” in Muons. Did you mean one of these?");
  await expect(page.getByTestId("trend-chart")).toHaveCount(0);
  await shot(page, "unknown-metric");
  await problems.getByRole("link", { name: "Z_peak_width" }).click();
  await expect(page).toHaveURL(/m=Z_peak_mass%2CZ_peak_width&n=30/);
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();

  await page.goto("/trends?ss=muons&m=Z_peak_mass");
  await expect(page.getByRole("alert")).toContainText("There is no subsystem “muons”.");
  await page.getByRole("link", { name: "Muons", exact: true }).click();
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();

  await page.goto("/trends?ss=Muons&m=Z_peak_mass&sel=list&list=abc_1x");
  await expect(page.getByRole("alert")).toContainText("The run list has 2 entries that are not run numbers: “abc”, “1x”.");
});

test("a point's details step to the previous and next run, and link a run page only where one exists", async ({ page }) => {
  await page.goto("/trends?ss=Muons&m=Z_peak_mass");
  await expect(drawn(page.getByTestId("trend-chart"))).toBeVisible();
  // Open the oldest run through the point picker: the demo's history runs are not under certification (its latest 25 are).
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Trend data as CSV" }).click();
  const lines = (await readFile(await (await download).path(), "utf8")).trim().split("\n").slice(1);
  const runs = lines.map((l) => Number(l.split(",")[0]));
  const sorted = [...runs].sort((a, b) => a - b);
  await page.getByLabel("Run", { exact: true }).fill(String(sorted[0]));
  await page.getByRole("button", { name: "Show point details" }).click();
  const details = page.getByRole("region", { name: `Run ${sorted[0]} · Z_peak_mass` });
  await expect(details).toBeVisible();
  await expect(details.getByRole("button", { name: "Previous run in the trend" })).toBeDisabled();
  await expect(details.getByRole("link", { name: "Run page" })).toHaveCount(0);
  await expect(details.getByText("no run page (not under certification)")).toBeVisible();
  await details.getByRole("button", { name: "Next run in the trend" }).click();
  await expect(page).toHaveURL(new RegExp(`pt=${sorted[1]}&pm=Z_peak_mass`));
  await expect(page.getByRole("region", { name: `Run ${sorted[1]} · Z_peak_mass` })).toBeVisible();
});
