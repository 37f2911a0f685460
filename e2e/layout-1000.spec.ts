/**
 * Every page at 1000 px wide (issue 14, item 6): the page itself never scrolls sideways (a wide
 * table scrolls inside its own box), the navigation and the page's primary action are on the
 * first screen without horizontal scrolling. Each page is also photographed at 1000 and 1600 px,
 * dark and light, into test-results/ui-review/layout/ for the people who changed them to look at.
 */
import { expect, type Locator, type Page, test } from "@playwright/test";
import { board, setRole } from "./certification-api";

interface PageCase {
  readonly name: string;
  readonly path: (run: number) => string;
  /** The page's primary action (or, for a page that only shows, its main control). */
  readonly primary: (page: Page) => Locator;
}

const pages: PageCase[] = [
  { name: "overview", path: () => "/", primary: (p) => p.getByRole("region", { name: "Alarms", exact: true }).getByRole("button", { name: /^Turn alarm sound (on|off)$/ }) },
  { name: "trends", path: () => "/trends", primary: (p) => p.getByRole("button", { name: /^Apply runs$/ }).first() },
  { name: "certification", path: () => "/certification", primary: (p) => p.getByRole("button", { name: "Apply filters" }) },
  { name: "run", path: (run) => `/runs/${run}`, primary: (p) => p.getByRole("region", { name: "Comparison results" }).getByRole("button", { name: "Export CSV" }) },
  { name: "calibration", path: () => "/calibration", primary: (p) => p.getByRole("button", { name: "Report" }) },
  { name: "golden-json", path: () => "/golden-json", primary: (p) => p.getByRole("button", { name: "Compute" }) },
];

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const c of pages) {
  test(`${c.name} at 1000 px: no sideways scrolling, navigation and primary action in view`, async ({ page, context, request, baseURL }) => {
    await setRole(context, baseURL!, "shifter");
    const run = (await board(request, { limit: 1 }))[0]?.runNumber ?? 1;
    for (const theme of ["dark", "light"] as const) {
      await context.addCookies([{ name: "dqmflow_theme", value: theme, url: baseURL! }]);
      for (const width of [1000, 1600]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(c.path(run));
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
        const primary = c.primary(page);
        await expect(primary).toBeVisible();
        await page.screenshot({ path: `test-results/ui-review/layout/${c.name}-${width}-${theme}.png` });
        if (width !== 1000) continue;
        expect(await horizontalOverflow(page), "the page scrolls sideways").toBeLessThanOrEqual(0);
        const box = (await primary.boundingBox())!;
        expect(box.x + box.width, "primary action right of the screen").toBeLessThanOrEqual(1000);
        expect(box.x).toBeGreaterThanOrEqual(0);
      }
    }
  });
}

/** Where a table's first column is after its scrolling box is scrolled all the way right, against where the box begins. */
async function firstColumnAfterScroll(table: Locator, firstCell: Locator): Promise<{ scrolled: number; cellLeft: number; boxLeft: number; before: number }> {
  const before = (await firstCell.boundingBox())!.x;
  const box = await table.evaluate((t) => {
    let el: HTMLElement | null = t.parentElement;
    while (el && el.scrollWidth <= el.clientWidth) el = el.parentElement;
    if (!el || el === document.documentElement || el === document.body) return null;
    el.scrollLeft = el.scrollWidth;
    return { scrolled: el.scrollLeft, left: el.getBoundingClientRect().left + el.clientLeft };
  });
  expect(box, "the table does not scroll sideways in a box of its own at 1000 px").not.toBeNull();
  return { scrolled: box!.scrolled, cellLeft: (await firstCell.boundingBox())!.x, boxLeft: box!.left, before };
}

for (const role of ["shifter", "expert"] as const) {
  test(`the board's run column stays in view when the board scrolls sideways at 1000 px (${role})`, async ({ page, context, baseURL }) => {
    await setRole(context, baseURL!, role);
    for (const theme of ["dark", "light"] as const) {
      await context.addCookies([{ name: "dqmflow_theme", value: theme, url: baseURL! }]);
      await page.setViewportSize({ width: 1000, height: 800 });
      await page.goto("/certification");
      const table = page.getByRole("table", { name: "Certification board" });
      const run = table.getByRole("rowheader").first();
      await expect(run).toBeVisible();
      // The demo season's board (three stages) just fits at 1000 px; a board with reprocessing
      // campaigns or long errors is wider: give it that width so that it must scroll.
      await table.evaluate((t) => (t.style.minWidth = "1700px"));
      const { scrolled, cellLeft, boxLeft, before } = await firstColumnAfterScroll(table, run);
      expect(scrolled, "the board scrolled").toBeGreaterThan(500);
      expect(Math.abs(cellLeft - before), "the run cell moved when the board scrolled").toBeLessThanOrEqual(1);
      expect(cellLeft).toBeGreaterThanOrEqual(boxLeft - 1);
      await expect(run.getByRole("link")).toBeVisible();
      if (role === "expert") {
        const select = table.getByRole("checkbox").first();
        const s = (await select.boundingBox())!;
        expect(s.x, "the select box scrolled away").toBeGreaterThanOrEqual(boxLeft - 1);
        expect(s.x + s.width, "the select box is under the run cell").toBeLessThanOrEqual(cellLeft + 1);
      }
      await run.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/ui-review/layout/board-scrolled-${role}-1000-${theme}.png` });
    }
  });
}

test("the overview's tables keep the run column in view when they scroll sideways at 1000 px", async ({ page, context, baseURL }) => {
  for (const theme of ["dark", "light"] as const) {
    await context.addCookies([{ name: "dqmflow_theme", value: theme, url: baseURL! }]);
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto("/");
    const table = page.getByRole("region", { name: /^Waiting for sign-off/ }).getByRole("table");
    const run = table.getByRole("row").nth(1).getByRole("cell").first();
    await expect(run.getByRole("link")).toBeVisible();
    // Wide enough to scroll whatever the demo's rows hold (the alarms' tables already do at 1000 px).
    await table.evaluate((t) => (t.style.minWidth = "1700px"));
    const { scrolled, cellLeft, boxLeft, before } = await firstColumnAfterScroll(table, run);
    expect(scrolled, "the table scrolled").toBeGreaterThan(500);
    expect(Math.abs(cellLeft - before), "the run cell moved when the table scrolled").toBeLessThanOrEqual(1);
    expect(cellLeft).toBeGreaterThanOrEqual(boxLeft - 1);
  }
});
