/**
 * Unknown runs, short links and ids, and malformed addresses (issue 11): a 404 or 400 page that
 * keeps the navigation bar, says what went wrong in plain words and offers a way back — never a
 * 500 or a bare text answer.
 */
import { expect, test } from "@playwright/test";

const cases: { path: string; status: number; text: RegExp }[] = [
  { path: "/s/no-such-code", status: 404, text: /no short link 'no-such-code'/ },
  { path: "/runs/0", status: 404, text: /there is no run 0/ },
  { path: "/runs/99999999999", status: 404, text: /there is no run 99999999999/ },
  { path: "/runs/not-a-run", status: 400, text: /'not-a-run' is not a run number/ },
  { path: "/certification?from=2024-13-45", status: 400, text: /from: '2024-13-45' is not a day \(YYYY-MM-DD\)/ },
  { path: "/golden-json?id=99999999999", status: 404, text: /No golden JSON 99999999999/ },
  { path: "/no-such-page", status: 404, text: /does not exist/ },
  { path: "/runs/123", status: 404, text: /unknown run 123: neither its OMS metadata nor a DQM file has arrived/ },
];

for (const c of cases) {
  test(`${c.path} answers ${c.status} with the navigation and a way back`, async ({ page }) => {
    const res = await page.goto(c.path);
    expect(res?.status()).toBe(c.status);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByText(c.text)).toBeVisible();
    // What to do and a way back, in the error box itself; no developer text.
    const box = page.getByRole("alert");
    await expect(box.getByRole("link", { name: /^(Back to|Go to)/ })).toBeVisible();
    expect(await box.textContent()).not.toMatch(/Invalid input|ZodError|TRPCError|at \w+ \(|[{}]/);
    await page.screenshot({ path: `test-results/ui-review/errors/${c.path.replaceAll(/\W+/g, "_")}.png` });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trends" }).click();
    await expect(page).toHaveURL(/\/trends/, { timeout: 15_000 });
  });
}
