/**
 * `certify-run-<run>`: one long-lived workflow per run. Online → express → (calibration gate,
 * "ready for prompt reco") → prompt, then reprocessing campaigns as child workflows for as
 * long as they are asked for. The board's state, the audit trail and the search attributes
 * are kept current at every step.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  ParentClosePolicy,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from "@temporalio/workflow";
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/common";
import type { Stage } from "../../db/tables/dataset.table";
import { calibrationMissing, calibrationReady, initialCalibrationState } from "../../server/certification/calibration";
import {
  calibrationStatusSignal,
  certificationQuery,
  type CertificationView,
  type CertifyRunInput,
  reprocessingWorkflowId,
  requestReprocessingSignal,
  type ReprocessingRequest,
  RunClassKey,
  RunNumberKey,
  StageKey,
  CertStatusKey,
} from "./certify-run.messages";
import { certifyReprocessingWorkflow } from "./certify-reprocessing.workflow";
import { StageMachine } from "./stage-machine.workflow";

const ONLINE_DATASET = "online";

export async function certifyRunWorkflow(input: CertifyRunInput): Promise<CertificationView> {
  const { runNumber, runClass, config } = input;
  const resume = input.resume;
  const m = new StageMachine(input, resume ? "prompt" : "online", resume?.runState ?? "OPEN", resume?.signoffCount ?? 0);
  m.installHandlers();

  const calibration = initialCalibrationState(config.calibration.workflows);
  let releasedBy: "ready" | "timeout" | null = null;
  const campaigns = new Set<string>(resume?.campaigns ?? []);
  const pending: ReprocessingRequest[] = [];

  setHandler(calibrationStatusSignal, ({ workflow, status }) => {
    if (workflow in calibration) calibration[workflow] = status;
  });
  setHandler(requestReprocessingSignal, (req) => {
    if (campaigns.has(req.campaign) || pending.some((p) => p.campaign === req.campaign)) return;
    pending.push(req);
  });
  const view = (): CertificationView => ({
    runNumber,
    runClass,
    runState: m.runState,
    currentStage: m.currentStage,
    certStatus: m.certStatus,
    stages: m.view(),
    awaitingSignoff: [...m.awaiting],
    calibration: { ...calibration },
    calibrationReleasedBy: releasedBy,
    reprocessing: [...campaigns],
  });
  setHandler(certificationQuery, view);

  upsertSearchAttributes([
    { key: RunNumberKey, value: runNumber },
    { key: RunClassKey, value: runClass },
    { key: StageKey, value: m.currentStage },
    { key: CertStatusKey, value: m.certStatus },
  ]);

  if (!resume) {
    await m.runStage("online", ONLINE_DATASET);
    await m.runStage("express", null);

    m.setStatus("calibration-gate", "express");
    await m.record("express", ["calibration", "gate"], "transition", "system", `waiting for prompt calibrations: ${calibrationMissing(calibration).join(", ") || "none"}`, null, { calibration });
    releasedBy = (await condition(() => calibrationReady(calibration), config.calibration.timeoutMs)) ? "ready" : "timeout";
    const reason = releasedBy === "ready" ? "all prompt calibrations done" : `timeout released the run with previous conditions; missing: ${calibrationMissing(calibration).join(", ")}`;
    m.setStatus(releasedBy === "ready" ? "calibration-ready" : "calibration-timeout", "express");
    await m.record("express", ["calibration", "released"], "calibration-release", "system", reason, null, { releasedBy, calibration });
    try {
      await m.acts.notifyPromptReco({ runNumber, endpoint: config.promptRecoEndpoint, releasedBy, calibration: { ...calibration } });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      m.setStatus("notification-failed", "express");
      await m.record("express", ["notify", "failed"], "notification-failed", "system", err.cause?.message ?? err.message, null, null);
    }

    await m.runStage("prompt", null);
  }

  m.setStatus(m.awaiting.size > 0 ? "reopened" : "certified", "prompt");
  while (true) {
    const asked = config.reprocessingIdleMs === null ? (await condition(() => pending.length > 0), true) : await condition(() => pending.length > 0, config.reprocessingIdleMs);
    if (!asked) break;
    for (const req of pending.splice(0)) {
      campaigns.add(req.campaign);
      const workflowId = reprocessingWorkflowId(runNumber, req.campaign);
      try {
        await startChild(certifyReprocessingWorkflow, {
          workflowId,
          args: [{ runNumber, runClass, lsCount: input.lsCount, campaign: req.campaign, dataset: req.dataset, config }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          typedSearchAttributes: [
            { key: RunNumberKey, value: runNumber },
            { key: RunClassKey, value: runClass },
            { key: StageKey, value: "reprocessing" as Stage },
            { key: CertStatusKey, value: "waiting-data" },
          ],
        });
      } catch (err) {
        // A campaign asked for again while its workflow still runs (after a restart of this one) is the same campaign.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      m.setStatus(`reprocessing:${req.campaign}`, "reprocessing");
      await m.record("reprocessing", [req.campaign, "requested"], "reprocessing-started", "system", `reprocessing campaign ${req.campaign} (${req.dataset})`, null, { workflowId, dataset: req.dataset });
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(() => allHandlersFinished() && m.awaiting.size === 0);
      return continueAsNew<typeof certifyRunWorkflow>({ ...input, resume: { runState: m.runState, campaigns: [...campaigns], signoffCount: m.signoffCount } });
    }
  }
  await condition(() => allHandlersFinished() && m.awaiting.size === 0);
  return view();
}
