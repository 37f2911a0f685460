import { expect, test } from "@playwright/test";
import { actAs } from "./overview-fixtures";

test("any view, here a filtered certification board, is shared as a short link and followed back", async ({ page }) => {
  await page.goto("/certification?stage=online&runFrom=297000");
  // An anonymous caller may only read: Share says to sign in first; a viewer may share.
  await expect(page.getByRole("banner").getByRole("button", { name: "Share" })).toBeDisabled();
  await actAs(page, "viewer");
  await expect(page.getByRole("form", { name: "Filters" }).locator('select[name="stage"]')).toHaveValue("online");
  await page.getByRole("banner").getByRole("button", { name: "Share" }).click();
  const link = page.getByRole("textbox", { name: "Short link" });
  await expect(link).toHaveValue(/\/s\/[\w-]{4,16}$/);
  const short = await link.inputValue();

  await page.goto("/");
  await page.goto(short);
  await expect(page).toHaveURL(/\/certification\?stage=online&runFrom=297000$/);
  await expect(page.getByRole("form", { name: "Filters" }).locator('input[name="runFrom"]')).toHaveValue("297000");
});
