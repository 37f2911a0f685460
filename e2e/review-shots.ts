/**
 * Screenshots for the UI review (issue 14, docs/ui-review.md): a page in both themes at 1600 and
 * 1000 px wide, into `test-results/ui-review/<area>/` (not committed), for the engineer who changed
 * the page to look at. The theme is set back to dark afterwards.
 */
import { mkdir } from "node:fs/promises";
import { expect, type Locator, type Page } from "@playwright/test";

export interface ReviewShotOptions {
  /** Also the first screen alone (`…-top.png`). */
  readonly top?: boolean;
  /** Also the region of this name alone (`…-region.png`). */
  readonly region?: string;
  /** Only this part of the page (found after each load) instead of the full page. */
  readonly part?: (page: Page) => Promise<Locator>;
}

export async function shootForReview(page: Page, area: string, url: string, name: string, options: ReviewShotOptions = {}): Promise<void> {
  const dir = `test-results/ui-review/${area}`;
  await mkdir(dir, { recursive: true });
  const origin = new URL(page.url()).origin;
  for (const theme of ["dark", "light"] as const) {
    await page.context().addCookies([{ name: "dqmflow_theme", value: theme, url: origin }]);
    for (const width of [1600, 1000]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(url);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const file = `${dir}/${name}-${width}-${theme}`;
      const part = options.part ? await options.part(page) : null;
      if (part) await part.screenshot({ path: `${file}.png` });
      else await page.screenshot({ path: `${file}.png`, fullPage: true });
      if (options.top) await page.screenshot({ path: `${file}-top.png` });
      if (options.region) await page.getByRole("region", { name: options.region }).screenshot({ path: `${file}-region.png` });
    }
  }
  await page.context().addCookies([{ name: "dqmflow_theme", value: "dark", url: origin }]);
}
