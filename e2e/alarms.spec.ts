import { expect, type Page, test } from "@playwright/test";
import { actAs, certificationFixtures, FAILING_ME, hydrated } from "./overview-fixtures";

const fixtures = certificationFixtures();
// A control-room screen.
test.use({ viewport: { width: 1920, height: 1080 } });
test.afterAll(() => fixtures.cleanUp());

/** Acknowledges every open alarm (again, should another be raised meanwhile) until none is left. */
async function acknowledgeEverything(page: Page): Promise<void> {
  const banner = page.getByRole("region", { name: "Alarms", exact: true });
  await expect(async () => {
    const all = banner.getByRole("button", { name: "Acknowledge all" });
    const one = banner.getByRole("list", { name: "Unacknowledged alarms" }).getByRole("button", { name: /^Acknowledge/ });
    if (await all.isVisible()) await all.click();
    else if ((await one.count()) > 0) await one.first().click();
    await expect(banner.getByRole("heading")).toHaveText("No unacknowledged alarms", { timeout: 3000 });
  }).toPass({ timeout: 30_000 });
}

function oscillatorsStarted(page: Page): Promise<number> {
  return page.evaluate(() => window.__dqmflowAlarm?.oscillatorsStarted ?? 0);
}

test("a shifter hears the alarm when a comparison fails, mutes it, and acknowledges it; a viewer may not", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await actAs(page, "shifter");
  const banner = page.getByRole("region", { name: "Alarms", exact: true });

  // Start from a quiet page: whatever is unacknowledged (earlier runs, the demo's runs) is acknowledged first.
  await acknowledgeEverything(page);
  await expect(banner).toHaveAttribute("data-alarm-sounding", "false");
  const before = await oscillatorsStarted(page);

  // The run's files arrive; the real certify-run workflow compares its online histograms with the reference: ERROR.
  const run = await fixtures.failingRun();
  const comparisonTitle = `Run ${run} online: 1 comparison in ERROR`;
  const open = banner.getByRole("list", { name: "Unacknowledged alarms" });
  await expect(open.getByRole("link", { name: comparisonTitle })).toBeVisible({ timeout: 30_000 });
  await expect(open.getByText(`${FAILING_ME} (shape-chi2)`)).toBeVisible();
  await expect(banner).toHaveAttribute("data-alarm-sounding", "true");
  await expect.poll(() => oscillatorsStarted(page)).toBeGreaterThan(before);
  const failures = page.getByRole("region", { name: /^Comparisons in ERROR/ });
  await expect(failures.getByRole("row").filter({ has: page.getByRole("link", { name: String(run), exact: true }) })).toContainText(FAILING_ME, { timeout: 30_000 });
  // A click lets the browser play sound; the chime's context then runs.
  await page.getByRole("heading", { name: "Overview" }).click();
  await expect.poll(() => page.evaluate(() => window.__dqmflowAlarm?.contextState)).toBe("running");
  await expect(banner.getByRole("status")).toHaveText("Alarm sounding");

  // The online sign-off is not given: its deadline passes and raises a second alarm.
  const deadlineTitle = `Run ${run} online: sign-off deadline missed`;
  await expect(open.getByRole("link", { name: deadlineTitle })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "test-results/screenshots/overview-alarm.png", fullPage: true });

  // Mute: per browser, visible, kept across a reload; the alarms stay listed.
  await banner.getByRole("button", { name: "Mute alarm sound" }).click();
  await expect(banner).toHaveAttribute("data-alarm-sounding", "false");
  await expect(banner.getByRole("status")).toHaveText("Sound muted in this browser");
  await page.reload();
  await hydrated(page);
  await expect(open.getByRole("link", { name: comparisonTitle })).toBeVisible();
  await expect(banner).toHaveAttribute("data-alarm-sounding", "false");
  await expect(banner.getByRole("button", { name: "Unmute alarm sound" })).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => window.__dqmflowAlarm?.muted)).toBe(true);
  expect(await oscillatorsStarted(page)).toBe(0);
  await page.screenshot({ path: "test-results/screenshots/overview-alarm-muted.png", fullPage: true });
  await banner.getByRole("button", { name: "Unmute alarm sound" }).click();
  await expect(banner).toHaveAttribute("data-alarm-sounding", "true");

  // A viewer sees the alarms but may not acknowledge them, in the page or through the API.
  await actAs(page, "viewer");
  await expect(open.getByRole("button", { name: `Acknowledge: ${comparisonTitle}` })).toBeDisabled();
  await expect(banner.getByText("Acknowledging an alarm needs the shifter role.")).toBeVisible();
  const key = await open.getByRole("listitem").filter({ hasText: comparisonTitle }).getAttribute("data-alarm-key");
  const refused = await page.request.post("/api/trpc/overview.acknowledge", { data: { keys: [key] } });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("this needs the shifter role; dev-viewer is viewer");

  // The shifter acknowledges each alarm: who and when are shown, and the alarm falls silent.
  await actAs(page, "shifter");
  await open.getByRole("button", { name: `Acknowledge: ${comparisonTitle}` }).click();
  await expect(open.getByRole("link", { name: comparisonTitle })).toHaveCount(0);
  await expect(banner).toHaveAttribute("data-alarm-sounding", "true");
  await expect(open.getByRole("link", { name: deadlineTitle })).toBeVisible();
  await acknowledgeEverything(page);
  await expect(banner).toHaveAttribute("data-alarm-sounding", "false");
  expect(await page.evaluate(() => window.__dqmflowAlarm?.sounding)).toBe(false);
  await banner.getByText(/Recently acknowledged/).click();
  const acknowledged = banner.getByRole("list", { name: "Acknowledged alarms" }).getByRole("listitem").filter({ hasText: comparisonTitle });
  await expect(acknowledged).toContainText(/acknowledged by dev-shifter at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
  await page.screenshot({ path: "test-results/screenshots/overview-alarm-acknowledged.png", fullPage: true });

  // Acknowledgements are stored on the server: a fresh page shows them too.
  await page.reload();
  await hydrated(page);
  await expect(open.getByRole("link", { name: comparisonTitle })).toHaveCount(0);
  await banner.getByText(/Recently acknowledged/).click();
  await expect(acknowledged).toContainText("acknowledged by dev-shifter");
});
