/**
 * A retry button for failed comparisons (issue 14, item 3), in the browser: a run's online
 * comparisons cannot run because its stored histograms are damaged; a viewer is told what failed
 * and who can retry; a shifter retries before the repair (it fails again, and says so), then after
 * the histograms are repaired (it succeeds, the results appear, the audit says who retried and why).
 * The run arrives through the pipeline: its DQM file first, and its OMS file only once the
 * histograms are damaged, so the workflow (waiting for the run's class) compares the damaged ones.
 */
import { mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { createAppServices } from "../server/app-services";
import { parseConfig } from "../server/config/config";
import { runDetail, setRole } from "./certification-api";
import { dropRun } from "./pipeline-files";
import { shootForReview } from "./review-shots";

test.describe.configure({ timeout: 240_000 });

interface LiveStage { stage: string; status: string; comparisonError: string | null }

async function onlineStage(request: Parameters<typeof runDetail>[0], run: number): Promise<LiveStage | undefined> {
  const d = await runDetail(request, run).catch(() => null);
  return (d?.live?.stages as LiveStage[] | undefined)?.find((s) => s.stage === "online");
}

/** Screenshots for the UI review (e2e/review-shots.ts). */
const shoot = (page: Page, url: string, name: string, part?: (page: Page) => Promise<Locator>): Promise<void> => shootForReview(page, "comparison-retry", url, name, part ? { part } : {});

test("a shifter retries failed comparisons: refused by the cause first, then successful once it is repaired", async ({ page, context, request, baseURL }) => {
  const services = createAppServices(parseConfig(process.env));
  const omsDir = process.env.OMS_DROP_DIR!;
  const heldOms = await mkdtemp(path.join(os.tmpdir(), "e2e-held-oms-"));
  const dropped = await dropRun({ stages: ["online"], folders: { dqm: process.env.DQM_STORAGE_DIR!, oms: heldOms } });
  const run = dropped.runNumber;
  const omsFile = `e2e-run-${run}.json`;
  try {
    // The DQM file is ingested; its workflow waits for the run's class. Its histograms get damaged.
    const stored = () =>
      services.db
        .selectFrom("stored_histogram as h")
        .innerJoin("dataset as d", "d.id", "h.dataset_id")
        .select(["h.id", "h.histogram"])
        .where("d.run_number", "=", run)
        .where("d.name", "=", "online")
        .execute();
    await expect.poll(async () => (await stored()).length, { message: `run ${run}'s online histograms stored`, timeout: 120_000, intervals: [1_000] }).toBeGreaterThan(0);
    const originals = await stored();
    await services.db.updateTable("stored_histogram").set({ histogram: JSON.stringify({ kind: "TH1", contents: "damaged" }) }).where("id", "in", originals.map((o) => o.id)).execute();
    await rename(path.join(heldOms, omsFile), path.join(omsDir, omsFile));
    await expect.poll(async () => (await onlineStage(request, run))?.status, { message: "online comparisons failed", timeout: 120_000, intervals: [1_000] }).toBe("comparison-failed");

    // A viewer reads what failed, in words, and who can retry.
    await setRole(context, baseURL!, "viewer");
    await page.goto(`/runs/${run}`);
    const panel = page.getByRole("region", { name: "Comparison results" });
    const failed = panel.getByRole("group", { name: "The online comparisons failed" });
    await expect(failed).toContainText("The online comparisons could not run:");
    await expect(failed).not.toContainText("Invalid input");
    await expect(failed).toContainText("A shifter or an expert can retry these comparisons.");
    await expect(failed.getByRole("button", { name: "Retry comparisons" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "What failed" })).toHaveAttribute("href", "#comparisons");
    await shoot(page, `/runs/${run}`, "run-page-failed-viewer");

    // A shifter retries before anything is repaired: it asks first, then says it failed again.
    await setRole(context, baseURL!, "shifter");
    await page.goto(`/runs/${run}`);
    await expect(page.getByRole("link", { name: "Retry the comparisons once it is fixed" })).toHaveAttribute("href", "#comparisons");
    await failed.getByRole("button", { name: "Retry comparisons" }).click();
    const confirm = failed.getByRole("form", { name: "Retry the online comparisons" });
    await expect(confirm).toContainText(`Run the online comparisons of run ${run} again?`);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toHaveCount(0);
    await failed.getByRole("button", { name: "Retry comparisons" }).click();
    await confirm.getByLabel("What was fixed (required, audited)").fill("nothing yet, checking the store");
    await confirm.getByRole("button", { name: "Retry comparisons now" }).click();
    const again = panel.getByRole("alert");
    await expect(again).toContainText(`Retry 1 of the online comparisons of run ${run} failed again:`);
    await expect(again).not.toContainText("Invalid input");
    await expect(failed.getByRole("button", { name: "Retry comparisons" })).toBeVisible();

    await shoot(page, `/runs/${run}`, "run-page-retry-confirm", async (p) => {
      const box = p.getByRole("region", { name: "Comparison results" }).getByRole("group", { name: "The online comparisons failed" });
      await box.getByRole("button", { name: "Retry comparisons" }).click();
      return box;
    });

    // The histograms are repaired; the next retry succeeds, and the page shows its results.
    for (const o of originals) await services.db.updateTable("stored_histogram").set({ histogram: JSON.stringify(o.histogram) }).where("id", "=", o.id).execute();
    await page.goto(`/runs/${run}`);
    await failed.getByRole("button", { name: "Retry comparisons" }).click();
    await confirm.getByLabel("What was fixed (required, audited)").fill("damaged histograms restored from the DQM file");
    await confirm.getByRole("button", { name: "Retry comparisons now" }).click();
    await expect(panel.getByRole("status")).toContainText(`Retry 2 of the online comparisons of run ${run} succeeded: results and automatic flags are written, and online awaits its sign-off`);
    await expect(failed).toHaveCount(0);
    await expect(panel.getByRole("table")).toContainText("online");
    await expect(page.getByText("The last comparison failed")).toHaveCount(0);
    const audit = page.getByRole("region", { name: "Audit history" });
    await expect(audit).toContainText("retried the online comparisons (retry 2), having fixed: “damaged histograms restored from the DQM file”");
    await expect(audit).toContainText("Retry 2 of the online comparisons succeeded");
    await expect(audit).toContainText("retried the online comparisons (retry 1), having fixed: “nothing yet, checking the store”");
    expect(await onlineStage(request, run)).toMatchObject({ status: "awaiting-signoff", comparisonError: null });
    await expect(page.getByRole("form", { name: "Sign off online" })).toBeVisible();
    await shoot(page, `/runs/${run}`, "run-page-after-retry");
  } finally {
    await dropped.remove();
    await rm(path.join(omsDir, omsFile), { force: true });
    await rm(heldOms, { recursive: true, force: true });
    await services.close();
  }
});
