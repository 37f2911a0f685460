import { expect, test } from "@playwright/test";

test("the overview shows every component healthy, the server name and the Temporal UI", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  for (const component of ["Database", "Temporal", "Worker"]) {
    const card = page.getByRole("region", { name: `${component} health` });
    await expect(card.getByText("healthy", { exact: true })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Database health" })).toContainText("TimescaleDB");
  await expect(page.getByTestId("server-name")).not.toBeEmpty();

  const temporalUi = await page.getByRole("link", { name: "Temporal UI" }).getAttribute("href");
  expect(temporalUi).toMatch(/^http:\/\/localhost:\d+/);
  const ui = await request.get(temporalUi!);
  expect(ui.status()).toBe(200);

  await page.screenshot({ path: "test-results/screenshots/overview.png", fullPage: true });
});

test("a developer can switch the role they act as, and the theme", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Role" }).selectOption("viewer");
  await expect(page.getByRole("combobox", { name: "Role" })).toHaveValue("viewer");
  await page.getByRole("button", { name: "Toggle light or dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.screenshot({ path: "test-results/screenshots/overview-light.png", fullPage: true });
});
