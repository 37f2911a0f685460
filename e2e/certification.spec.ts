import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { board, completedRun, gatedRun, mutate, openRun, runWithError, setRole, signableRun } from "./certification-api";

// Each journey works on a run of its own, dropped as files in the watched folders (certification-api.ts).
test.describe.configure({ timeout: 180_000 });

const shots = "test-results/screenshots";

test("a viewer is refused a sign-off that a shifter then gets", async ({ page, context, request, baseURL }) => {
  const target = await signableRun(request);
  const run = target.run.runNumber;
  const stage = target.run.stage;
  const row = () => page.locator(`tr[data-run="${run}"]`);

  await setRole(context, baseURL!, "viewer");
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  await expect(page.getByRole("table", { name: "Certification board" })).toBeVisible();
  await row().getByRole("button", { name: `Sign off ${stage}` }).click();
  const form = page.getByRole("form", { name: `Sign off run ${run}` });
  await form.getByRole("textbox").fill("looked fine to me");
  await form.getByRole("button", { name: "Confirm sign-off" }).click();
  await expect(form.getByRole("alert")).toContainText("needs the shifter role");
  await expect(page.getByTestId(`status-${run}`)).toContainText("awaiting-signoff");

  await setRole(context, baseURL!, "shifter");
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  await row().getByRole("button", { name: `Sign off ${stage}` }).click();
  await page.getByRole("form", { name: `Sign off run ${run}` }).getByRole("textbox").fill("all components checked in the DQM GUI");
  await page.getByRole("button", { name: "Confirm sign-off" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${stage} signed off` })).toBeVisible();
  const after = (await board(request, { runFrom: run, runTo: run }))[0]!;
  expect(after.stages.find((s) => s.stage === stage)?.state).not.toBe("OPEN");
});

test("the board updates live when a workflow moves", async ({ page, context, request, baseURL }) => {
  const target = await signableRun(request);
  const run = target.run.runNumber;
  await setRole(context, baseURL!, "viewer");
  // The demo's other runs keep moving; the board watches this run's range, as a shifter would.
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId(`stage-${run}-${target.run.stage}`)).toContainText("open");
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  // Someone else signs off (through the API); the workflow moves on and the open board follows.
  await mutate(request, "certification.signOff", { runNumber: run, stage: target.run.stage, comment: "signed off from another console" }, "shifter");
  await expect(page.getByTestId(`stage-${run}-${target.run.stage}`)).toContainText(/signed-off|completed/, { timeout: 20_000 });
  await expect(page.getByTestId("recent-changes")).toContainText(`run ${run}: signoff`);
  const listed = await page.getByTestId("recent-changes").getByRole("link").allTextContents();
  expect(new Set(listed)).toEqual(new Set([`run ${run}`]));
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await page.screenshot({ path: `${shots}/certification-live.png`, fullPage: true });
});

test("a shifter flags lumisections BAD only with a comment, and undoes it", async ({ page, context, request, baseURL }) => {
  const target = await openRun(request);
  const run = target.run.runNumber;
  const dataset = target.datasets.find((d) => d.workspace === "global" && d.stage === target.run.stage)!.dataset_name;
  await setRole(context, baseURL!, "shifter");
  await page.goto(`/runs/${run}?dataset=${encodeURIComponent(dataset)}`);
  const edit = page.getByRole("form", { name: "Edit a flag" });
  await edit.getByLabel("Component").selectOption("hcal-hcal");
  await edit.getByLabel("First LS").fill("2");
  await edit.getByLabel("Last LS").fill("3");
  await edit.getByLabel("Status").selectOption("BAD");
  await edit.getByRole("button", { name: "Save flag" }).click();
  await expect(edit.getByRole("alert")).toContainText("BAD flag needs a comment");

  const comment = `HB noise burst ${Date.now()}`;
  await edit.getByLabel("Comment (BAD needs one)").fill(comment);
  await edit.getByRole("button", { name: "Save flag" }).click();
  await expect(edit.getByRole("status")).toContainText("flag saved as version");
  const version = Number((await edit.getByRole("status").innerText()).match(/version (\d+)/)![1]);
  const inForce = page.getByRole("table", { name: `Flags in force for ${dataset}` });
  const badRow = inForce.getByRole("row").filter({ hasText: comment });
  await expect(badRow).toContainText("hcal-hcal");
  await expect(badRow).toContainText("2–3");
  await expect(badRow).toContainText("BAD");
  await page.screenshot({ path: `${shots}/runs-flags.png`, fullPage: true });

  await page.getByRole("button", { name: `Undo version ${version} (hcal-hcal)` }).first().click();
  await page.getByRole("button", { name: `Yes, undo version ${version}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "undone as version" }).first()).toBeVisible();
  await expect(inForce.getByRole("row").filter({ hasText: comment })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Audit history" })).toContainText("flag-undo");
});

test("a run page shows stages, the failing comparison over its reference, flags, audit and the Temporal link", async ({ page, context, request, baseURL }) => {
  const target = await runWithError(request);
  const run = target.run.runNumber;
  // A comparison against the reference (anomaly scores and trend checks have no reference to draw).
  const failing = target.comparisons.find((c) => c.status === "ERROR" && c.reference_run !== null)!;
  await setRole(context, baseURL!, "viewer");
  await page.goto(`/runs/${run}`);
  await expect(page.getByRole("heading", { name: `Run ${run}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Stage timeline" })).toContainText("online");
  const temporal = await page.getByRole("link", { name: "Workflow in the Temporal UI" }).getAttribute("href");
  expect(temporal).toContain(`/workflows/certify-run-${run}`);
  expect(temporal).toMatch(/\/namespaces\/[^/]+\//);

  await page.getByRole("link", { name: failing.me_path }).click();
  const chart = page.getByRole("img", { name: `${failing.me_path}: data over reference with pulls` });
  await expect(chart).toHaveAttribute("data-rendered", "true");
  await expect(page).toHaveURL(/me=/);
  // The drawn comparison downloads as PNG and as CSV (bins, data, reference, pulls).
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: `Download ${failing.me_path} data as CSV` }).click();
  const lines = (await readFile(await (await csvDownload).path(), "utf8")).trim().split("\n");
  expect(lines[0]).toBe(`bin_low,bin_high,run_${run},reference_${failing.reference_run},pull`);
  expect(lines.length).toBeGreaterThan(10);
  expect(lines[1]!.split(",")).toHaveLength(5);
  const pngDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: `Download ${failing.me_path} as PNG` }).click();
  const png = await readFile(await (await pngDownload).path());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await expect(page.getByRole("region", { name: "Coverage" })).toContainText("tracker-pixel");
  await expect(page.getByRole("region", { name: "Audit history" })).toContainText("stage-start");
  await page.screenshot({ path: `${shots}/runs-detail.png`, fullPage: true });

  await page.goto("/runs/999999999");
  await expect(page.getByRole("alert")).toContainText("unknown run 999999999");
});

test("a shifter reports a prompt calibration's status", async ({ page, context, request, baseURL }) => {
  await setRole(context, baseURL!, "shifter");
  const run = await gatedRun(request);
  await page.goto("/calibration?released=no");
  const table = page.getByRole("table", { name: "Calibration readiness per run" });
  await expect(table).toBeVisible();
  const form = page.getByRole("form", { name: "Report a calibration status" });
  await form.getByRole("combobox", { name: "Run", exact: true }).selectOption(String(run));
  await form.getByRole("combobox", { name: "Calibration", exact: true }).selectOption("SiPixelAli");
  await form.getByRole("combobox", { name: "Status", exact: true }).selectOption("running");
  await form.getByRole("button", { name: "Report" }).click();
  await expect(form.getByRole("status")).toContainText(`run ${run}: SiPixelAli reported running`);
  await page.screenshot({ path: `${shots}/calibration-report.png`, fullPage: true });
});

test("a shifter computes a golden JSON and views it", async ({ page, context, request, baseURL }) => {
  // The demo's rule keeps the prompt datasets of certified runs: this journey certifies one of its own.
  await completedRun(request);
  await setRole(context, baseURL!, "shifter");
  await page.goto("/golden-json");
  const create = page.getByRole("form", { name: "Create a golden JSON" });
  await create.getByLabel("Rule set").selectOption({ index: 0 });
  await create.getByRole("button", { name: "Compute" }).click();
  await expect(page).toHaveURL(/golden-json\?id=\d+/, { timeout: 60_000 });
  const id = new URL(page.url()).searchParams.get("id");
  const view = page.getByRole("region", { name: `Golden JSON ${id}` });
  await expect(view).toBeVisible();
  const golden = JSON.parse(await view.getByLabel("Golden JSON content").innerText()) as Record<string, [number, number][]>;
  expect(Object.keys(golden).length).toBeGreaterThan(0);
  for (const ranges of Object.values(golden)) for (const [a, b] of ranges) expect(a).toBeLessThanOrEqual(b);
  await expect(view.getByTestId("lumi-kept")).not.toHaveText("0.00 /pb");
  await expect(view.getByRole("table")).toContainText("lumisection.rr.tracker-pixel");
  const download = page.waitForEvent("download");
  await view.getByRole("button", { name: "Download JSON" }).click();
  expect((await download).suggestedFilename()).toBe(`golden-${id}.json`);
  await page.screenshot({ path: `${shots}/golden-json-result.png`, fullPage: true });

  await setRole(context, baseURL!, "expert");
  await page.reload();
  const tag = `e2e-${Date.now()}`;
  const tagForm = view.getByRole("form", { name: "Tag" });
  await tagForm.getByLabel("Tag").fill(tag);
  await tagForm.getByLabel("official").check();
  await tagForm.getByRole("button", { name: "Save tag" }).click();
  await expect(tagForm.getByRole("status")).toContainText(`tag ${tag}, official`);
  await page.goto("/golden-json?official=yes");
  await expect(page.getByRole("region", { name: "Stored golden JSONs" })).toContainText(tag);
});

test("an expert reopens a certified run and signs it off again in bulk", async ({ page, context, request, baseURL }) => {
  const run = await completedRun(request);
  await setRole(context, baseURL!, "expert");
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  const bulk = page.getByRole("form", { name: "Bulk actions" });
  await page.getByRole("checkbox", { name: `Select run ${run}` }).check();
  await bulk.getByLabel("Comment or reason").fill("re-check after the e2e journey");
  await bulk.getByRole("button", { name: "Reopen current stage" }).click();
  await expect(bulk.getByRole("list", { name: "Bulk results" })).toContainText(`run ${run}: prompt reopened`);
  await expect(page.getByTestId(`stage-${run}-prompt`)).toContainText("open");

  await bulk.getByRole("button", { name: "Sign off current stage" }).click();
  await expect(bulk.getByRole("list", { name: "Bulk results" })).toContainText(`run ${run}: prompt signed off`);
  await expect.poll(async () => (await board(request, { runFrom: run, runTo: run }))[0]!.state).toBe("COMPLETED");
});
