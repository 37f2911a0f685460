/**
 * Standard causes in Chromium: an expert adds, renames (the old text stays on the flags written
 * with it) and retires a component's cause on the causes page; a shifter sees the list without
 * the editing forms; the run page's flag form offers the component's causes and writes the chosen
 * one at the start of the flag's comment.
 */
import { expect, type Page, test } from "@playwright/test";
import { openRun, runDetail, setRole } from "./certification-api";
import { shootForReview } from "./review-shots";

test.describe.configure({ timeout: 180_000 });

/** Screenshots for the UI review (e2e/review-shots.ts). */
const shoot = (page: Page, url: string, name: string, region?: string): Promise<void> => shootForReview(page, "flag-tools", url, name, region ? { region } : {});

test("an expert adds, renames and retires a cause; a shifter only reads the list", async ({ page, context, baseURL }) => {
  const tag = Date.now().toString(36);
  const first = `Gas leak ${tag}`;
  const renamed = `Gas leak in ME1/1 ${tag}`;
  await setRole(context, baseURL!, "expert");
  await page.goto("/certification");
  await page.getByRole("link", { name: "Standard causes" }).click();
  await expect(page.getByRole("heading", { name: "Standard causes of flags" })).toBeVisible();
  const csc = page.getByRole("region", { name: "Causes of csc-csc" });
  await expect(csc.getByRole("row").filter({ hasText: "HV trip" })).toContainText("seeded");

  const add = csc.getByRole("form", { name: "Add a cause to csc-csc" });
  await add.getByLabel("New cause").fill(first);
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add.getByRole("status")).toContainText(`added “${first}”`);
  await add.getByLabel("New cause").fill("hv TRIP");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add.getByRole("alert")).toContainText("csc-csc already has the cause 'hv TRIP'");

  await csc.getByRole("button", { name: `Rename ${first} (csc-csc)` }).click();
  const rename = csc.getByRole("form", { name: `Rename ${first} (csc-csc)` });
  await rename.getByLabel("New text").fill(renamed);
  await rename.getByRole("button", { name: "Save the new text" }).click();
  await expect(csc.getByRole("row").filter({ hasText: renamed })).toBeVisible();
  await expect(csc.getByRole("cell", { name: first, exact: true })).toHaveCount(0);
  await csc.getByText(/^Retired/).click();
  await expect(csc.getByRole("listitem").filter({ hasText: first })).toContainText(`renamed to “${renamed}”`);

  await csc.getByRole("button", { name: `Retire ${renamed} (csc-csc)` }).click();
  await csc.getByRole("form", { name: `Retire ${renamed} (csc-csc)` }).getByRole("button", { name: "Yes, retire it" }).click();
  await expect(csc.getByRole("cell", { name: renamed, exact: true })).toHaveCount(0);
  const changes = page.getByRole("region", { name: "Recent changes of the causes" });
  await expect(changes).toContainText(`csc-csc: retired '${renamed}'`);
  await expect(changes).toContainText(`csc-csc: '${first}' renamed to '${renamed}'`);
  await expect(changes).toContainText(`csc-csc: added '${first}'`);

  await setRole(context, baseURL!, "shifter");
  await page.goto("/certification/causes");
  await expect(page.getByRole("note")).toContainText("Only experts change this list");
  await expect(page.getByRole("form", { name: "Add a cause to csc-csc" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Rename / })).toHaveCount(0);
  await setRole(context, baseURL!, "expert");
  await shoot(page, "/certification/causes", "causes");
});

test("the run page's flag form offers the component's causes and writes the chosen one into the comment", async ({ page, context, request, baseURL }) => {
  const target = await openRun(request);
  const run = target.run.runNumber;
  const dataset = target.datasets.find((d) => d.workspace === "global" && d.stage === target.run.stage)!.dataset_name;
  const note = `seen in sector 5 ${Date.now()}`;
  await setRole(context, baseURL!, "shifter");
  await page.goto(`/runs/${run}?dataset=${encodeURIComponent(dataset)}`);
  const edit = page.getByRole("form", { name: "Edit a flag" });
  await edit.getByLabel("Component").selectOption("ecal-ecal");
  await expect(edit.getByRole("combobox", { name: "Cause", exact: true }).locator("option", { hasText: "Timing shift" })).toHaveCount(1);
  await expect(edit.getByRole("combobox", { name: "Cause", exact: true }).locator("option", { hasText: "Noise in MB1" })).toHaveCount(0);
  await edit.getByLabel("First LS").fill("2");
  await edit.getByLabel("Last LS").fill("3");
  await edit.getByLabel("Status").selectOption("BAD");
  await edit.getByRole("combobox", { name: "Cause", exact: true }).selectOption("Timing shift");
  await edit.getByLabel("Comment (BAD needs one)").fill(note);
  await expect(edit.getByTestId("flag-comment")).toHaveText(`Comment saved: “Timing shift — ${note}”`);
  await edit.getByRole("button", { name: "Save flag" }).click();
  await expect(edit.getByRole("status")).toContainText("flag saved as version");
  const row = page.getByRole("table", { name: `Flags in force for ${dataset}` }).getByRole("row").filter({ hasText: note });
  await expect(row).toContainText(`Timing shift — ${note}`);
  await expect(row).toContainText("2–3");

  // Free text stays possible: "other" writes the person's own words as the cause.
  await edit.getByLabel("Component").selectOption("hcal-hcal");
  await edit.getByRole("combobox", { name: "Cause", exact: true }).selectOption({ label: "other: type it…" });
  await edit.getByLabel("Other cause").fill("beam halo");
  await edit.getByLabel("Comment (BAD needs one)").fill("");
  await edit.getByLabel("Status").selectOption("BAD");
  await edit.getByRole("button", { name: "Save flag" }).click();
  await expect(edit.getByRole("status")).toContainText("flag saved as version");
  const flags = (await runDetail(request, run)).flags.find((f) => f.dataset === dataset)!;
  expect(flags.effective.find((e) => e.component === "hcal-hcal" && e.firstLs === 2)).toMatchObject({ lastLs: 3, status: "BAD", comment: "other: beam halo" });
  await shoot(page, `/runs/${run}?dataset=${encodeURIComponent(dataset)}`, "run-page-flag-form", "Flags");
});
