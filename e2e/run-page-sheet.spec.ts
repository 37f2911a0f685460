/**
 * The run page as the shifter's one place (issue 14, item 3): OMS metadata and the links to the
 * DQM GUI, OMS, Run Registry and elog; the reference run as a link to a page that exists (even
 * when that run is not under certification), chosen by an expert; the lumisection timeline where
 * dragging chooses a range for the flag editor; audit entries as sentences with a diff; a result's
 * figures the same on the overview and on the run page.
 */
import { expect, test } from "@playwright/test";
import { runWithError, setRole } from "./certification-api";

test("a run's sheet, its reference, its lumisections, its audit and its figures", async ({ page, context, request, baseURL }) => {
  test.setTimeout(180_000);
  const detail = await runWithError(request);
  const run = detail.run.runNumber;
  const failed = detail.comparisons.find((c) => c.status === "ERROR" && c.reference_run !== null)!;
  await setRole(context, baseURL!, "expert");
  await page.goto(`/runs/${run}`);

  // Metadata from OMS and the links, each naming the run.
  const sheet = page.getByRole("region", { name: "Run metadata" });
  for (const field of ["Class", "Fill", "B field", "HLT key", "Recorded lumi", "Duration"]) await expect(sheet.getByText(field, { exact: true })).toBeVisible();
  await expect(sheet.getByText(/^\d+(\.\d+)? T$/)).toBeVisible();
  for (const name of ["DQM GUI", "OMS", "Run Registry", "elog"]) await expect(sheet.getByRole("link", { name, exact: true })).toHaveAttribute("href", new RegExp(String(run)));

  // A result's figures are written the same here and on the overview.
  const row = page.getByRole("region", { name: "Comparison results" }).getByRole("row").filter({ hasText: failed.me_path }).filter({ hasText: failed.test });
  const cells = row.getByRole("cell");
  const statistic = (await cells.nth(4).textContent())!.trim();
  const pValue = (await cells.nth(5).textContent())!.trim();
  expect(statistic).not.toBe("—");

  // Audit entries are sentences; what changed opens as a table of fields, never raw JSON.
  const audit = page.getByRole("region", { name: "Audit history" });
  await expect(audit.getByText(/^Rule .+ set .+ to BAD for LS \d+–\d+/).first()).toBeVisible();
  expect(await audit.textContent()).not.toMatch(/[{}]/);
  await audit.getByText(/fields? changed/).first().click();
  await expect(audit.getByRole("table", { name: /^Changes of audit entry/ }).first()).toBeVisible();

  // The lumisection timeline: a drag across a component's row chooses the range for the flag editor.
  const timeline = page.getByRole("region", { name: "Lumisection timeline" });
  const track = timeline.locator(".lst-track").first();
  const component = await track.getAttribute("data-row");
  await track.scrollIntoViewIfNeeded();
  const box = (await track.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const chosen = timeline.getByRole("status");
  await expect(chosen).toContainText(/^LS \d+–\d+ chosen: \d+ lumisections, \d+ with both beams stable/);
  const [, first, last] = /^LS (\d+)–(\d+)/.exec((await chosen.textContent()) ?? "")!;
  await expect(page).toHaveURL(new RegExp(`first=${first}&last=${last}`));
  expect(Number(last)).toBeGreaterThan(Number(first));
  const editor = page.getByRole("region", { name: "Flags", exact: true });
  await expect(editor.getByLabel("First LS")).toHaveValue(first!);
  await expect(editor.getByLabel("Last LS")).toHaveValue(last!);
  await expect(editor.getByLabel("Component")).toHaveValue(component!);
  await page.screenshot({ path: "test-results/ui-review/run-page/sheet-timeline.png", fullPage: false });

  // An expert may choose the class's reference (here: the same run again, which changes nothing for others).
  const ref = failed.reference_run!;
  const form = page.getByRole("form", { name: /^Choose the reference run of / });
  await form.getByLabel(/^Reference run for/).fill(String(ref));
  await form.getByRole("button", { name: "Use as reference" }).click();
  await expect(form.getByRole("status")).toContainText(`run ${ref} is now the reference of`);

  // The reference run is a link to a page that exists.
  await sheet.getByRole("link", { name: String(ref), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${ref}$`));
  await expect(page.getByRole("heading", { name: `Run ${ref}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Run metadata" })).toBeVisible();

  // The overview writes the same figures for the same result.
  await page.goto("/");
  const overviewRow = page.getByRole("region", { name: /^Comparisons in ERROR/ }).getByRole("row").filter({ has: page.getByRole("link", { name: String(run), exact: true }) });
  await expect(overviewRow).toContainText(`statistic ${statistic}`);
  if (pValue !== "—") await expect(overviewRow).toContainText(`p-value ${pValue}`);
});

test("a run dqmflow does not know is a 404 page with the navigation and a way back", async ({ page }) => {
  const res = await page.goto("/runs/123");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByText(/unknown run 123: neither its OMS metadata nor a DQM file has arrived/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the certification board" })).toBeVisible();
});
