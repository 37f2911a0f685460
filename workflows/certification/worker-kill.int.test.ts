import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "../../server/certification/audit.repository";
import { startCertification } from "../../server/certification/certification.service";
import type { AppServices } from "../../server/app-services";
import { testServices } from "../../server/testing/integration";
import { type CertificationView, certifyRunWorkflowId } from "./certify-run.messages";
import { eventually, seedRun, stageDataset, testConfig } from "./testing/cert-test-kit";

const script = path.resolve(import.meta.dirname, "testing/worker-process.ts");
let services: AppServices;
const children: ChildProcess[] = [];

function startWorkerProcess(taskQueue: string, slowMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script, taskQueue, String(slowMs)], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (b: Buffer) => {
      if (b.toString().includes("worker ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker process exited with ${code}`)));
  });
}

beforeAll(() => {
  services = testServices();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  await services?.close();
});

describe("a worker killed in the middle of a stage", () => {
  it("is replaced, and the run completes with every audit row exactly once", { timeout: 180_000 }, async () => {
    const taskQueue = `cert-kill-${randomUUID()}`;
    const first = await startWorkerProcess(taskQueue, 400);
    const run = await seedRun(services.db);
    const config = testConfig(run.referenceRun, {
      autoSignoff: true,
      calibration: { workflows: [], timeoutMs: 1_000 },
      reprocessingIdleMs: 1,
      activity: { startToCloseMs: 3_000, initialRetryMs: 200, maximumAttempts: 20 },
    });
    await startCertification({ db: services.db, temporal: () => services.temporal(), taskQueue }, run.runNumber, config);

    // Kill it while the express comparisons are running (the audit says the data arrived).
    await eventually(async () => ((await auditTrail(services.db, run.runNumber)).some((a) => a.idempotency_key.endsWith("/express/data")) ? true : undefined), "express comparisons under way");
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const second = await startWorkerProcess(taskQueue, 0);

    const final = (await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber)).result()) as CertificationView;
    expect(final).toMatchObject({ runState: "COMPLETED", calibrationReleasedBy: "ready" });
    second.kill("SIGTERM");

    const wf = certifyRunWorkflowId(run.runNumber);
    const expected: string[] = [];
    let signoff = 0;
    for (const [stage, dataset] of (["online", "express", "prompt"] as const).map((s) => [s, stageDataset(s)] as const)) {
      expected.push(`${wf}/${stage}/start`, `${wf}/${stage}/data`, `${wf}/${stage}/${dataset}/autoflag/0`, `${wf}/${stage}/${dataset}/autoflag/1`, `${wf}/${stage}/awaiting-signoff`, `${wf}/${stage}/signoff/${++signoff}`, `${wf}/${stage}/completed`);
      if (stage === "express") expected.push(`${wf}/express/calibration/gate`, `${wf}/express/calibration/released`, `${wf}/notify/prompt-reco`);
    }
    const audit = await auditTrail(services.db, run.runNumber);
    expect(audit.map((a) => a.idempotency_key).sort()).toEqual(expected.sort());
    const flags = await services.db.selectFrom("cert_flag").select(["dataset_name", "component"]).where("run_number", "=", run.runNumber).execute();
    expect(flags).toHaveLength(6);
  });
});
