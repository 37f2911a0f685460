import { expect, type Page, test } from "@playwright/test";
import { completedRun, setRole } from "./certification-api";

// Golden-JSON editing and comparison (issue 14, item 5): an expert writes a rule with the
// variable names offered as she types, is stopped on a misspelt one, edits it as a new version,
// compares the two versions, computes a golden JSON from each version on a run certified by this
// journey, and compares the two golden JSONs (lumisections and luminosity lost).

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/golden-json-${name}.png`, fullPage: true });

/** Computes a golden JSON from the form and returns its id once the workflow has stored it. */
async function compute(page: Page, rule: string, version: number, run: number): Promise<number> {
  await page.goto("/golden-json");
  const create = page.getByRole("form", { name: "Create a golden JSON" });
  await create.getByLabel("Rule set").selectOption(rule);
  await create.getByLabel("Version").selectOption(String(version));
  await create.getByLabel("Run from").fill(String(run));
  await create.getByLabel("Run to").fill(String(run));
  await create.getByRole("button", { name: "Compute" }).click();
  await expect(page).toHaveURL(/golden-json\?id=\d+/, { timeout: 90_000 });
  const id = Number(new URL(page.url()).searchParams.get("id"));
  await expect(page.getByRole("region", { name: `Golden JSON ${id}` })).toContainText(`rule ${rule} v${version}`);
  return id;
}

test("an expert writes a rule with suggestions, versions it, and compares versions and golden JSONs", async ({ page, context, request, baseURL }) => {
  test.setTimeout(300_000);
  const run = await completedRun(request);
  await setRole(context, baseURL!, "expert");
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto("/golden-json");
  const form = page.getByRole("form", { name: "New rule version" });
  const editor = form.getByRole("textbox", { name: "JSON-logic rule" });
  const rule = `e2e-diff-${Date.now()}`;
  await form.getByLabel("Name").fill(rule);

  // A misspelt component is named, with the one meant, and the rule cannot be saved.
  await editor.fill('{"==": [{"var": "lumisection.rr.trackr-pixel"}, "GOOD"]}');
  await expect(form.getByRole("alert")).toHaveText('unknown variable "lumisection.rr.trackr-pixel" (did you mean "lumisection.rr.tracker-pixel"?)');
  await expect(form.getByRole("button", { name: "Save new version" })).toBeDisabled();
  await shot(page, "unknown-variable");

  // Typing inside {"var": "…"} offers the data's names; Enter takes the highlighted one.
  await editor.fill("");
  await editor.pressSequentially('{"==": [{"var": "lumisection.rr.tracker-p');
  const suggestions = form.getByRole("listbox", { name: "Variables" });
  await expect(suggestions.getByRole("option", { name: "lumisection.rr.tracker-pixel" })).toBeVisible();
  await shot(page, "suggestions");
  await editor.press("Enter");
  await expect(suggestions).toHaveCount(0);
  await editor.press("End");
  await editor.pressSequentially('}, "GOOD"]}');
  await expect(editor).toHaveValue('{"==": [{"var": "lumisection.rr.tracker-pixel"}, "GOOD"]}');
  await expect(form.getByText("every variable is known")).toBeVisible();
  await form.getByRole("button", { name: "Save new version" }).click();
  await expect(form.getByRole("status").last()).toHaveText(`rule ${rule} version 1 saved`);

  // Edit as a new version: the editor is filled with version 1; only the first ten lumisections are kept.
  await page.getByRole("button", { name: `Edit ${rule} as a new version` }).click();
  await expect(form.getByRole("status").first()).toContainText(`Editing ${rule} v1`);
  await expect(form.getByLabel("Name")).toHaveValue(rule);
  await editor.fill(JSON.stringify({ and: [{ "==": [{ var: "lumisection.rr.tracker-pixel" }, "GOOD"] }, { "<=": [{ var: "lumisection.ls_number" }, 10] }] }, null, 2));
  await form.getByRole("button", { name: "Save new version" }).click();
  await expect(form.getByRole("status").last()).toHaveText(`rule ${rule} version 2 saved`);

  await page.getByRole("link", { name: `Compare ${rule} v1 with v2` }).click();
  const versions = page.getByRole("region", { name: `Rule ${rule}: version 1 against 2` });
  await expect(versions).toContainText("lines removed");
  await expect(versions.locator(".diff-added")).toContainText(['"var": "lumisection.ls_number"']);
  await shot(page, "rule-diff");

  // A golden JSON from each version of the run this journey certified, then the two compared.
  const first = await compute(page, rule, 1, run);
  const second = await compute(page, rule, 2, run);
  await page.goto("/golden-json");
  const compare = page.getByRole("form", { name: "Compare two golden JSONs" });
  await compare.getByLabel("From (older)").selectOption(String(first));
  await compare.getByLabel("To (newer)").selectOption(String(second));
  await compare.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${first}&to=${second}`));
  const diff = page.getByRole("region", { name: "Golden JSON comparison" });
  await expect(diff.getByRole("heading")).toContainText(`Golden JSON #${second} (${rule} v2) against #${first} (${rule} v1)`);
  await expect(diff.getByTestId("runs-gained")).toHaveText("0");
  await expect(diff.getByTestId("runs-lost")).toHaveText("0");
  await expect(diff.getByTestId("ls-gained")).toHaveText("0");
  expect(Number(await diff.getByTestId("ls-lost").innerText())).toBeGreaterThan(0);
  await expect(diff.getByTestId("lumi-lost")).not.toHaveText("0.00 /pb");
  await expect(diff.getByRole("table", { name: "Changed runs" }).getByRole("row", { name: new RegExp(`^${run} lumisections changed`) })).toContainText(/11–\d+/);
  await shot(page, "diff");

  // A comparison with a golden JSON that does not exist says so, with the page still there.
  const missing = await page.goto(`/golden-json?from=${first}&to=2000000000`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("alert").first()).toHaveText(`No comparison of golden JSON ${first} with 2000000000: one of them does not exist.`);
});

test("a tag with a space is refused with the rule for tags, next to the field", async ({ page, context, baseURL }) => {
  await setRole(context, baseURL!, "shifter");
  await page.goto("/golden-json");
  const create = page.getByRole("form", { name: "Create a golden JSON" });
  await create.getByLabel(/^Tag/).fill("Cert 2026");
  await create.getByRole("button", { name: "Compute" }).click();
  await expect(create.getByText("“Cert 2026”: a tag is 1–64 letters, digits, _, . or - with no spaces (e.g. Cert_2026_v1)")).toBeVisible();
});
