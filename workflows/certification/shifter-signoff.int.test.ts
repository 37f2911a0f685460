import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificationBoard } from "../../server/certification/board.query";
import { reopen, signOff, startCertification } from "../../server/certification/certification.service";
import { shiftSummary } from "../../server/certification/shift-summary";
import { signoffPreview } from "../../server/certification/signoff-preview";
import type { AppServices } from "../../server/app-services";
import { identityOf, testServices } from "../../server/testing/integration";
import { certificationQuery, certifyRunWorkflowId } from "./certify-run.messages";
import { eventually, seedRun, startCertWorker, testConfig } from "./testing/cert-test-kit";

// What the board's sign-off confirmation shows, and an expert's revoke as the board sees it, on the real workflow.
let services: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;

beforeAll(async () => {
  services = testServices();
  worker = await startCertWorker(services);
});

afterAll(async () => {
  await worker?.stop();
  await services?.close();
});

describe("sign-off that helps the shifter", () => {
  it("previews the flags and failed comparisons being signed, and shows a revoked sign-off on the board", async () => {
    const shiftStart = new Date();
    const run = await seedRun(services.db, { pixelShape: "peak" });
    const rn = run.runNumber;
    await startCertification(worker.deps, rn, testConfig(run.referenceRun));
    const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(rn));
    await eventually(async () => ((await handle.query(certificationQuery)).awaitingSignoff.includes("online") ? true : undefined), "online awaiting sign-off");

    const preview = await signoffPreview(services.db, rn, "online");
    expect(preview).toMatchObject({ runNumber: rn, stage: "online", dataset: "online", goodComponents: ["dt-dt"], blockers: [] });
    expect(preview.flags).toHaveLength(1);
    expect(preview.flags[0]).toMatchObject({ component: "tracker-pixel", status: "BAD" });
    expect(preview.flags[0]?.origin).toMatch(/^auto:/);
    expect(preview.failedCount).toBeGreaterThan(0);
    expect(preview.failedComparisons[0]?.mePath).toBeTruthy();

    // The automatic BAD flag does not block; the sign-off lands, an expert revokes it, the board says so.
    await signOff(worker.deps, identityOf("shifter"), { runNumber: rn, stage: "online", comment: "pixel peak seen" });
    await expect(reopen(worker.deps, identityOf("shifter"), { runNumber: rn, stage: "online", reason: "wrong reference" })).rejects.toThrow(/reopening needs the expert role/);
    await reopen(worker.deps, identityOf("expert"), { runNumber: rn, stage: "online", reason: "wrong reference" });
    const [row] = await certificationBoard(services.db, { runFrom: rn, runTo: rn, limit: 1, offset: 0 });
    expect(row?.revoked).toEqual([expect.objectContaining({ stage: "online", by: "test-expert", reason: "wrong reference" })]);
    expect(row?.stages.find((s) => s.stage === "online")?.state).toBe("OPEN");
    expect((await certificationBoard(services.db, { runFrom: rn, runTo: rn, waitingForSignoff: true, limit: 1, offset: 0 })).map((r) => r.runNumber)).toEqual([]);

    // Signed again: no longer shown as revoked.
    await signOff(worker.deps, identityOf("shifter"), { runNumber: rn, stage: "online", comment: "rechecked with the right reference" });
    const [again] = await certificationBoard(services.db, { runFrom: rn, runTo: rn, limit: 1, offset: 0 });
    expect(again?.revoked).toEqual([]);

    // The shift summary says what was signed and revoked, in lines to paste into the elog.
    const summary = await shiftSummary(services.db, { since: shiftStart, until: new Date(Date.now() + 1_000) });
    expect(summary.signed.filter((s) => s.runNumber === rn).map((s) => [s.stage, s.by])).toEqual([["online", "test-shifter"], ["online", "test-shifter"]]);
    expect(summary.revoked.filter((s) => s.runNumber === rn).map((s) => [s.stage, s.by, s.reason])).toEqual([["online", "test-expert", "wrong reference"]]);
    expect(summary.text).toContain(`run ${rn} online by test-shifter: “pixel peak seen”`);
    expect(summary.text).toContain(`run ${rn} online by test-expert: “wrong reference”`);
    expect(summary.text.split("\n")[0]).toMatch(/^Certification shift summary \d{4}-\d{2}-\d{2} \d{2}:\d{2}–.* UTC$/);
    await handle.terminate("test done");
  });
});
