/**
 * Certification that helps the shifter (issue 14, item 1), in the browser: an automatic BAD flag
 * carries its rule and cause and does not block the sign-off; what blocks one is listed with its
 * fix in place; undo asks first and says what it did; the board's sign-off asks for a comment and
 * shows what is signed, also at 1000 px; an expert revokes a sign-off, and the board shows it.
 */
import { expect, type Page, test } from "@playwright/test";
import { board, mutate, query, type RunDetail, runDetail, runWithError, setRole } from "./certification-api";
import { shootForReview } from "./review-shots";

test.describe.configure({ timeout: 240_000 });

/** A run of its own whose online stage waits for its sign-off with an automatic BAD flag (a hole in the tracks' η). */
async function runWithAutomaticBad(request: Parameters<typeof runDetail>[0]): Promise<RunDetail & { autoBad: { component: string; comment: string } }> {
  const first = await runWithError(request);
  const run = first.run.runNumber;
  let found: RunDetail | undefined;
  await expect
    .poll(async () => {
      found = await runDetail(request, run);
      return found.live?.awaitingSignoff.includes("online") ?? false;
    }, { timeout: 120_000, intervals: [1_000] })
    .toBe(true);
  const online = found!.flags.find((f) => f.dataset === "online")!;
  const bad = online.effective.find((e) => e.status === "BAD")!;
  return { ...found!, autoBad: { component: bad.component, comment: bad.comment } };
}

/** Screenshots for the UI review (e2e/review-shots.ts). */
const shoot = (page: Page, url: string, name: string): Promise<void> => shootForReview(page, "certification", url, name, { top: true });

test("a shifter certifies a run with an automatic BAD flag without re-entering it", async ({ page, context, request, baseURL }) => {
  const target = await runWithAutomaticBad(request);
  const run = target.run.runNumber;
  // The rule's flag says who wrote it and why.
  expect(target.autoBad.comment).toMatch(new RegExp(`^auto:${target.autoBad.component}-shape: .*ERROR on `));

  // Someone marks DT lumisections 2–3 as NOTSET: now something does block the sign-off.
  const notset = await mutate<{ changeId: number }>(request, "certification.editFlag", { runNumber: run, dataset: "online", component: "dt-dt", firstLs: 2, lastLs: 3, status: "NOTSET", comment: "", requestId: `e2e-notset-${run}` }, "shifter");

  await setRole(context, baseURL!, "shifter");
  await page.goto(`/runs/${run}`);
  const inForce = page.getByRole("table", { name: "Flags in force for online" });
  const autoRow = inForce.getByRole("row").filter({ hasText: `auto:${target.autoBad.component}-shape` });
  await expect(autoRow).toContainText("BAD");
  await expect(autoRow).toContainText("ERROR on");

  // The blocker is listed before anyone presses the button, with a link that opens exactly that range.
  const blockers = page.getByRole("group", { name: "What blocks the online sign-off" });
  await expect(blockers).toContainText("dt-dt LS 2–3 has no status");
  await expect(blockers).not.toContainText(target.autoBad.component);
  await blockers.getByRole("link", { name: "Open LS 2–3 of dt-dt" }).click();
  const edit = page.getByRole("form", { name: "Edit a flag" });
  await expect(edit.getByLabel("Component")).toHaveValue("dt-dt");
  await expect(edit.getByLabel("First LS")).toHaveValue("2");
  await expect(edit.getByLabel("Last LS")).toHaveValue("3");
  await edit.getByLabel("Status").selectOption("GOOD");
  await edit.getByRole("button", { name: "Save flag" }).click();
  await expect(edit.getByRole("status")).toContainText("flag saved as version");
  await expect(page.getByRole("group", { name: "What blocks the online sign-off" })).toHaveCount(0);

  // Undo asks first, says what it did, and an undone version offers no second undo.
  const history = page.getByRole("region", { name: "Flag history" });
  await history.getByRole("button", { name: `Undo version ${notset.changeId} (dt-dt)` }).click();
  const confirm = history.getByRole("form", { name: `Confirm the undo of version ${notset.changeId}` });
  await expect(confirm).toContainText("dt-dt LS 2–3 NOTSET");
  await confirm.getByRole("button", { name: `Yes, undo version ${notset.changeId}` }).click();
  await expect(history.getByRole("status").filter({ hasText: "undone as version" })).toBeVisible();
  await page.reload();
  const undoneRow = page.getByRole("region", { name: "Flag history" }).getByRole("row").filter({ has: page.getByRole("cell", { name: String(notset.changeId), exact: true }) });
  await expect(undoneRow).toContainText(/undone by version \d+/);
  await expect(undoneRow.getByRole("button", { name: /Undo/ })).toHaveCount(0);
  // The server refuses a second undo of the same version in plain words.
  const again = await request.post("/api/trpc/certification.undoFlag", { data: { runNumber: run, changeId: notset.changeId, requestId: `e2e-undo-again-${run}` }, headers: { cookie: "dqmflow_role=shifter" } });
  expect(again.status()).toBe(412);
  expect(await again.text()).toContain(`version ${notset.changeId} was already undone by`);

  await shoot(page, `/runs/${run}`, "run-page-awaiting");

  // The sign-off goes through with the automatic BAD flag as it is.
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`/runs/${run}`);
  const signOff = page.getByRole("form", { name: "Sign off online" });
  await signOff.getByRole("textbox").fill(`tracker hole seen in the DQM GUI, rule flag kept ${Date.now()}`);
  await expect(signOff.getByRole("button", { name: "Sign off online" })).toBeInViewport({ ratio: 1 }).catch(async () => {
    await signOff.getByRole("button", { name: "Sign off online" }).scrollIntoViewIfNeeded();
  });
  await signOff.getByRole("button", { name: "Sign off online" }).click();
  await expect(page.getByRole("region", { name: "Sign-off" }).getByRole("status")).toContainText("online signed off");
  const after = (await board(request, { runFrom: run, runTo: run }))[0]!;
  expect(after.stages.find((s) => s.stage === "online")?.state).not.toBe("OPEN");
});

test("a board sign-off needs a comment and shows what is signed; an expert revokes it", async ({ page, context, request, baseURL }) => {
  const target = await runWithAutomaticBad(request);
  const run = target.run.runNumber;
  await setRole(context, baseURL!, "shifter");
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  const row = page.locator(`tr[data-run="${run}"]`);
  const open = row.getByRole("button", { name: "Sign off online" });
  // At 1000 px the row's primary action is on screen, not in a horizontal scroller.
  await expect(open).toBeInViewport({ ratio: 1 });
  await open.click();
  await expect(page).toHaveURL(new RegExp(`sign=${run}`));

  const form = page.getByRole("form", { name: `Sign off run ${run}` });
  const signed = form.getByRole("table", { name: "Flags being signed" });
  await expect(signed.getByRole("row").filter({ hasText: target.autoBad.component })).toContainText(`auto:${target.autoBad.component}-shape`);
  await expect(form.getByRole("list", { name: "Failed comparisons being signed" }).getByRole("listitem").first()).toBeVisible();
  await expect(form.getByRole("group", { name: "What blocks the online sign-off" })).toHaveCount(0);
  const confirm = form.getByRole("button", { name: "Confirm sign-off of online" });
  await expect(confirm).toBeInViewport({ ratio: 1 });
  await shoot(page, `/certification?runFrom=${run}&runTo=${run}&sign=${run}`, "board-signoff-confirmation");
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`/certification?runFrom=${run}&runTo=${run}&sign=${run}`);

  // No comment: the page does not send it, and the API refuses it in plain words.
  await form.getByRole("button", { name: "Confirm sign-off of online" }).click();
  expect(await form.getByRole("textbox").evaluate((t: HTMLTextAreaElement) => t.validity.valid)).toBe(false);
  await expect(page.getByTestId(`status-${run}`)).toContainText("awaiting-signoff");
  const bare = await request.post("/api/trpc/certification.signOff", { data: { runNumber: run, stage: "online", comment: " " }, headers: { cookie: "dqmflow_role=shifter" } });
  expect(bare.status()).toBe(400);
  expect(await bare.text()).toContain("say what you checked (at least 3 characters)");

  await form.getByRole("textbox").fill("tracker hole known, rest checked in the DQM GUI");
  await form.getByRole("button", { name: "Confirm sign-off of online" }).click();
  await expect(form.getByRole("status")).toContainText("online signed off");
  await expect(page.getByTestId(`stage-${run}-online`)).toContainText(/signed-off|completed/, { timeout: 20_000 });

  // A shifter has no revoke; an expert has, with a reason, through the run's workflow.
  await expect(row.getByRole("button", { name: "Revoke sign-off" })).toHaveCount(0);
  await setRole(context, baseURL!, "expert");
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  await row.getByRole("button", { name: "Revoke sign-off" }).click();
  const revoke = page.getByRole("form", { name: `Revoke a sign-off of run ${run}` });
  await expect(revoke.getByLabel("Stage")).toHaveValue("online");
  await revoke.getByLabel(/Why revoke/).fill("signed with the wrong reference run");
  await revoke.getByRole("button", { name: "Revoke the sign-off" }).click();
  await expect(revoke.getByRole("status")).toContainText(`run ${run}: online sign-off revoked`);
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  await expect(page.getByTestId(`stage-${run}-online`)).toContainText("open");
  await expect(page.getByTestId(`stage-${run}-online`)).toContainText("sign-off revoked by");
  await expect(row.getByRole("link", { name: "Sign off online again" })).toHaveAttribute("href", `/runs/${run}`);
  const audit = await query<{ audit: { kind: string; actor: string; reason: string }[] }>(request, "certification.run", { runNumber: run });
  expect(audit.audit.filter((a) => a.kind === "reopen").map((a) => a.reason)).toEqual(["signed with the wrong reference run"]);
  await shoot(page, `/certification?runFrom=${run}&runTo=${run}`, "board-revoked");

  // The shift summary for the elog says what was signed and revoked.
  await page.goto(`/certification?runFrom=${run}&runTo=${run}`);
  await page.getByRole("region", { name: "Shift summary" }).getByRole("link", { name: "last 8 h" }).click();
  const summary = page.getByRole("textbox", { name: "Shift summary text" });
  await expect(summary).toHaveValue(new RegExp(`run ${run} online by \\S+: “tracker hole known, rest checked in the DQM GUI”`));
  await expect(summary).toHaveValue(new RegExp(`Sign-offs revoked \\(\\d+\\):[^]*run ${run} online by \\S+: “signed with the wrong reference run”`));
  await shoot(page, `/certification?runFrom=${run}&runTo=${run}&summary=8`, "board-shift-summary");

  // The run waits for a new online sign-off on its page.
  await page.goto(`/runs/${run}`);
  await expect(page.getByRole("form", { name: "Sign off online" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Sign-off" })).toContainText("The online sign-off was revoked by");
  await shoot(page, `/runs/${run}`, "run-page-revoked");
});
