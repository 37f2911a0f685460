import type { Locator } from "@playwright/test";

/**
 * A chart inside `where` once ECharts has drawn it and React has hydrated the page around it.
 * The trend page draws its chart before hydration (app/components/trends/early-chart.ts), so a
 * drawn chart alone does not mean the page's controls answer yet; `<html data-hydrated>`
 * (app/root.tsx) says they do.
 */
export function drawn(where: Locator): Locator {
  return where.locator('[role="img"][data-rendered="true"]').and(where.page().locator('html[data-hydrated] [role="img"]'));
}
