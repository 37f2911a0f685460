/** `certify-run-<run>-reprocessing-<campaign>`: the certification of one reprocessing campaign of a run, a child of the run's workflow. */
import { allHandlersFinished, condition, setHandler } from "@temporalio/workflow";
import { certificationQuery, type CertificationView, type ReprocessingInput } from "./certify-run.messages";
import { StageMachine } from "./stage-machine.workflow";

export async function certifyReprocessingWorkflow(input: ReprocessingInput): Promise<CertificationView> {
  const m = new StageMachine(input, "reprocessing", "COMPLETED", 0, false);
  m.installHandlers();
  const view = (): CertificationView => ({
    runNumber: input.runNumber,
    runClass: input.runClass,
    runState: m.runState,
    currentStage: m.currentStage,
    certStatus: m.certStatus,
    stages: m.view(),
    awaitingSignoff: [...m.awaiting],
    calibration: {},
    calibrationReleasedBy: null,
    reprocessing: [input.campaign],
  });
  setHandler(certificationQuery, view);
  await m.runStage("reprocessing", input.dataset);
  await condition(() => allHandlersFinished() && m.awaiting.size === 0);
  return view();
}
