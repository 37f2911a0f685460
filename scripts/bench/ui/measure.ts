/**
 * Time from navigation to a finished chart in headless Chromium: each repetition opens a fresh
 * browser context (no HTTP cache), navigates, and reads when the chart element got
 * `data-rendered="true"` (recorded in the page by a MutationObserver, in ms since navigation
 * start) and when the main thread next ran a task (the page answers input from then on).
 */
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Installed before any page script: notes the first moment a chart says it is drawn, and when the
 * next task runs. A string, not a function: tsx's name-keeping helpers do not exist in the page.
 */
const observeRendered = `(() => {
  const seen = () => {
    if (window.__renderedAt !== undefined || !document.querySelector('[data-rendered="true"]')) return;
    window.__renderedAt = performance.now();
    setTimeout(() => { window.__idleAt = performance.now(); }, 0);
  };
  new MutationObserver(seen).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-rendered"], childList: true });
  new MutationObserver(() => {
    if (window.__hydratedAt === undefined && document.documentElement.dataset.hydrated) window.__hydratedAt = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
})();`;

export interface Sample {
  /** Navigation start → chart drawn, ms. */
  renderedMs: number;
  /** Navigation start → the first task after the chart was drawn ran (the main thread was free), ms. */
  interactiveMs: number;
  /** Navigation start → React had hydrated the page, ms (null for a page without React: the bare page). */
  hydratedMs: number | null;
  /** The page's HTML, bytes as the server sent them (uncompressed here). */
  htmlBytes: number;
}

export async function measure(browser: Browser, url: string, check: (points: number | null, text: string) => void, hydrates = false): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => void (m.type() === "error" && problems.push(m.text())));
    await page.addInitScript({ content: observeRendered });
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => (window as unknown as { __idleAt?: number }).__idleAt !== undefined, undefined, { timeout: 60_000, polling: 50 }).catch((err: unknown) => {
      throw new Error(`${url}: no chart drawn (${err instanceof Error ? err.message : String(err)}); page errors: ${problems.join("; ") || "none"}`);
    });
    if (hydrates) await page.waitForFunction(() => (window as unknown as { __hydratedAt?: number }).__hydratedAt !== undefined, undefined, { timeout: 60_000, polling: 50 });
    const { renderedMs, interactiveMs, hydratedMs, htmlBytes } = await page.evaluate(() => {
      const w = window as unknown as { __renderedAt: number; __idleAt: number; __hydratedAt?: number };
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return { renderedMs: w.__renderedAt, interactiveMs: w.__idleAt, hydratedMs: w.__hydratedAt ?? null, htmlBytes: nav?.decodedBodySize ?? 0 };
    });
    const points = await page.locator('[data-rendered="true"]').first().getAttribute("data-points");
    check(points === null ? null : Number(points), await page.locator("body").innerText());
    return { renderedMs, interactiveMs, hydratedMs, htmlBytes };
  } finally {
    await context.close();
  }
}
