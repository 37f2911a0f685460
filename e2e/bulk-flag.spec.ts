/**
 * Bulk flagging in Chromium: from the board to the form, a preview that lists the runs to flag and
 * the runs skipped with why, one write for all of them (seen on a run's page with the standard
 * cause in its comment), a viewer who may preview but not write, and a list over the size limit.
 */
import { expect, type Page, test } from "@playwright/test";
import { mutate, openRun, runDetail, setRole, signableRun } from "./certification-api";
import { shootForReview } from "./review-shots";

test.describe.configure({ timeout: 240_000 });

/** Screenshots for the UI review (e2e/review-shots.ts). */
const shoot = (page: Page, url: string, name: string): Promise<void> => shootForReview(page, "flag-tools", url, name);

test("a shifter previews a bulk flag over several runs, sees what is skipped and why, and writes it once", async ({ page, context, request, baseURL }) => {
  const [a, b, signed] = await Promise.all([openRun(request), openRun(request), signableRun(request)]);
  await mutate(request, "certification.signOff", { runNumber: signed.run.runNumber, stage: "online", comment: "bulk journey: signed before the bulk flag" }, "shifter");
  const unknown = 2_100_000_000 + Math.floor(Math.random() * 40_000_000);
  const runs = [a.run.runNumber, b.run.runNumber, signed.run.runNumber];
  const note = `bulk journey ${Date.now()}`;

  await setRole(context, baseURL!, "shifter");
  await page.goto("/certification");
  await page.getByRole("link", { name: "Flag many runs" }).click();
  await expect(page.getByRole("heading", { name: "Flag many runs at once" })).toBeVisible();
  const form = page.getByRole("form", { name: "Bulk flag" });
  await form.getByLabel("Component").selectOption("dt-dt");
  await form.getByLabel("Status").selectOption("BAD");
  await form.getByLabel("Stage (its dataset is flagged)").selectOption("online");
  await form.getByLabel("a range:").check();
  await form.getByLabel("First LS").fill("1");
  await form.getByLabel("Last LS").fill("2");
  await form.getByRole("combobox", { name: "Cause", exact: true }).selectOption("HV trip");
  await form.getByLabel("Comment (BAD needs a cause or a comment)").fill(note);
  await form.getByLabel(/^Runs/).fill(`${runs.join(", ")} ${unknown}`);
  await form.getByRole("button", { name: "Preview" }).click();

  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { level: 2 })).toHaveText("Preview: 2 of 4 runs get a flag, 2 skipped");
  await expect(preview).toContainText(`comment “HV trip — ${note}”`);
  const toFlag = preview.getByRole("table", { name: "Runs to flag" });
  for (const r of [a, b]) await expect(toFlag.getByRole("row").filter({ hasText: String(r.run.runNumber) })).toContainText("1–2");
  const skipped = preview.getByRole("table", { name: "Runs skipped" });
  await expect(skipped.getByRole("row").filter({ hasText: String(signed.run.runNumber) })).toContainText("online already signed off");
  await expect(skipped.getByRole("row").filter({ hasText: String(unknown) })).toContainText("unknown run");
  expect(new URL(page.url()).searchParams.get("runs")).toContain(String(unknown));
  const previewUrl = page.url();

  await preview.getByRole("button", { name: "Write 2 flags" }).click();
  await expect(preview.getByRole("status")).toContainText(`wrote 2 flags (runs ${[a.run.runNumber, b.run.runNumber].sort((x, y) => x - y).join(", ")}); 2 runs skipped`);

  const onlineOf = (d: typeof a) => d.datasets.find((x) => x.workspace === "global" && x.stage === "online")!.dataset_name;
  for (const r of [a, b]) {
    const flags = (await runDetail(request, r.run.runNumber)).flags.find((f) => f.dataset === onlineOf(r))!;
    expect(flags.effective.find((e) => e.component === "dt-dt" && e.firstLs === 1)).toMatchObject({ lastLs: 2, status: "BAD", comment: `HV trip — ${note}` });
  }
  const signedFlags = (await runDetail(request, signed.run.runNumber)).flags.find((f) => f.dataset === onlineOf(signed))!;
  expect(signedFlags.effective.some((e) => e.comment.includes(note))).toBe(false);
  await page.goto(`/runs/${a.run.runNumber}?dataset=${encodeURIComponent(onlineOf(a))}`);
  await expect(page.getByRole("table", { name: `Flags in force for ${onlineOf(a)}` }).getByRole("row").filter({ hasText: note })).toContainText("dt-dt");

  // A viewer sees the same preview and cannot write it.
  await setRole(context, baseURL!, "viewer");
  await page.goto(previewUrl);
  await expect(page.getByRole("button", { name: "Write 2 flags" })).toBeDisabled();
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("Viewers cannot flag");
  await shoot(page, previewUrl, "bulk-flag-preview");
});

test("the bulk form refuses in words: too many runs, a backwards range, a BAD flag without a reason", async ({ page, context, baseURL }) => {
  await setRole(context, baseURL!, "shifter");
  await page.goto("/certification/bulk-flag?component=dt-dt&status=BAD&stage=online&ls=all&note=noise&runs=1-500");
  await expect(page.getByRole("alert")).toHaveText("runs: 500 runs named, at most 200 per submit — split the list");
  await expect(page.getByRole("region", { name: "Preview" })).toHaveCount(0);
  await page.goto("/certification/bulk-flag?component=dt-dt&status=GOOD&stage=online&ls=all&runs=20-10");
  await expect(page.getByRole("alert")).toContainText("the range '20-10' runs backwards; write 10-20");
  await page.goto("/certification/bulk-flag?component=dt-dt&status=BAD&stage=online&ls=all&runs=10");
  await expect(page.getByRole("alert")).toContainText("a BAD flag needs a cause or a comment");
  // The form keeps what was typed, so the shifter corrects it in place.
  await expect(page.getByRole("form", { name: "Bulk flag" }).getByLabel(/^Runs/)).toHaveValue("10");
  await shoot(page, "/certification/bulk-flag?component=dt-dt&status=BAD&stage=online&ls=all&note=noise&runs=1-500", "bulk-flag-refused");
});
