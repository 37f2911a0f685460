/**
 * Records the histories the replay test runs against current code:
 * `node --import tsx workflows/certification/testing/record-histories.ts` (services up, env set).
 * Rerun it only for a new history; a code change that breaks an old one needs `patched()`.
 */
import path from "node:path";
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createAppServices } from "../../../server/app-services";
import { reopen, reportCalibration, requestReprocessing, signOff, startCertification } from "../../../server/certification/certification.service";
import { parseConfig } from "../../../server/config/config";
import { identityOf } from "../../../server/testing/integration";
import { certificationQuery, certifyRunWorkflowId, reprocessingWorkflowId } from "../certify-run.messages";
import { DT_ME, eventually, PIXEL_ME, seedRun, startCertWorker, storeHistograms, testConfig, th1 } from "./cert-test-kit";

const out = path.resolve(import.meta.dirname, "../histories");

async function main(): Promise<void> {
  const services = createAppServices(parseConfig(process.env));
  const worker = await startCertWorker(services);
  const client = await services.temporal();
  const shifter = identityOf("shifter");
  const run = await seedRun(services.db);
  const config = testConfig(run.referenceRun, { deadlines: { reminderMs: 400, escalationMs: 900 }, calibration: { workflows: ["BeamSpot"], timeoutMs: 60_000 }, reprocessingIdleMs: 1_500 });
  await startCertification(worker.deps, run.runNumber, config);
  const handle = client.workflow.getHandle(certifyRunWorkflowId(run.runNumber));
  const awaiting = (stage: string, h = handle) => eventually(async () => ((await h.query(certificationQuery)).awaitingSignoff.includes(stage as never) ? true : undefined), stage);

  await awaiting("online");
  const { editFlag } = await import("../../../server/certification/certification.service");
  const edited = await editFlag(worker.deps, shifter, { runNumber: run.runNumber, dataset: "online", component: "tracker-pixel", firstLs: 1, lastLs: run.lsCount, status: "BAD", comment: "shape off", requestId: `${run.runNumber}-rec` });
  await eventually(async () => ((await handle.query(certificationQuery)).stages[0]?.readiness?.version === edited.readiness.version ? true : undefined), "readiness");
  await new Promise((r) => setTimeout(r, 2_000));
  await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "online", comment: "pixel bad" });
  await awaiting("express");
  await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "express", comment: "all ok" });
  await reportCalibration(worker.deps, shifter, { runNumber: run.runNumber, workflow: "BeamSpot", status: "done" });
  await awaiting("prompt");
  await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "prompt", comment: "all ok" });
  await reopen(worker.deps, identityOf("expert"), { runNumber: run.runNumber, stage: "prompt", reason: "recheck" });
  await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "prompt", comment: "rechecked" });
  const rereco = "/ZeroBias/Run2026A-ReReco-v1/DQMIO";
  await storeHistograms(services.db, run.runNumber, rereco, { [PIXEL_ME]: th1("flat"), [DT_ME]: th1("flat") });
  await requestReprocessing(worker.deps, { runNumber: run.runNumber, campaign: "ReReco1", dataset: rereco }, config);
  const child = client.workflow.getHandle(reprocessingWorkflowId(run.runNumber, "ReReco1"));
  await awaiting("reprocessing", child);
  await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "reprocessing", comment: "fine", campaign: "ReReco1" });
  await child.result();
  await handle.result();

  // The temporal CLI writes the proto-JSON form Worker.runReplayHistory reads.
  const local = path.resolve(import.meta.dirname, "../../../.tools/temporal-venv/bin/temporal");
  const cli = existsSync(local) ? local : "temporal";
  for (const [file, id] of [["certify-run.json", handle.workflowId], ["certify-reprocessing.json", child.workflowId]] as const) {
    writeFileSync(path.join(out, file), execFileSync(cli, ["workflow", "show", "--workflow-id", id, "--address", services.config.TEMPORAL_ADDRESS, "--output", "json"]));
  }
  await worker.stop();
  await services.close();
  console.log(`histories written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
