import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../server/app-services";
import { signOff, startCertification } from "../../server/certification/certification.service";
import { identityOf, testServices } from "../../server/testing/integration";
import type { RecordStepInput } from "./certification.activities";
import { certificationQuery, certifyRunWorkflowId } from "./certify-run.messages";
import { eventually, seedRun, startCertWorker, testConfig } from "./testing/cert-test-kit";

/**
 * A sign-off writes the dataset's SIGNOFF state while the stage's loop goes on to write
 * COMPLETED. Holding the sign-off's write back makes the loop's write come first unless the
 * workflow waits for it: the dataset must end COMPLETED, never stuck at SIGNOFF.
 */
let services: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;

beforeAll(async () => {
  services = testServices();
  const slowSignoffWrite = async (input: RecordStepInput) => {
    if (input.kind === "signoff") await new Promise((r) => setTimeout(r, 1500));
  };
  worker = await startCertWorker(services, undefined, undefined, slowSignoffWrite);
});
afterAll(async () => {
  await worker?.stop();
  await services?.close();
});

describe("sign-off and stage completion", () => {
  it("leaves the signed-off stage's dataset COMPLETED even when the sign-off's write is slow", async () => {
    const run = await seedRun(services.db, { stages: ["online"] });
    await startCertification(worker.deps, run.runNumber, testConfig(run.referenceRun));
    const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber));
    await eventually(async () => ((await handle.query(certificationQuery)).awaitingSignoff.includes("online") ? true : undefined), "online awaiting sign-off");
    await signOff(worker.deps, identityOf("shifter"), { runNumber: run.runNumber, stage: "online", comment: "fine" });
    const completed = await eventually(async () => {
      const rows = await services.db.selectFrom("cert_audit").select("kind").where("run_number", "=", run.runNumber).where("reason", "=", "stage online completed").execute();
      return rows.length ? rows : undefined;
    }, "the stage's completion");
    expect(completed).toHaveLength(1);
    const states = await services.db.selectFrom("cert_dataset").select(["workspace", "state"]).where("run_number", "=", run.runNumber).where("dataset_name", "=", "online").execute();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(["COMPLETED"]));
    await handle.terminate("test done");
  }, 60_000);
});
