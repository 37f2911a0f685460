import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../trpc/app-router";
import { createContextInner } from "../../trpc/context";
import type { AppServices } from "../../app-services";
import { identityOf, testServices } from "../../testing/integration";
import { eventually, seedRun, startCertWorker } from "../../../workflows/certification/testing/cert-test-kit";
import { insertFlags } from "../flag.repository";

let services: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;

beforeAll(async () => {
  const queue = `golden-${randomUUID()}`;
  services = testServices({ TEMPORAL_TASK_QUEUE: queue });
  worker = await startCertWorker(services, undefined, queue);
});

afterAll(async () => {
  await worker?.stop();
  await services?.close();
});

const person = { kind: "person" as const, name: "alice" };

describe("golden JSON through the API", () => {
  it("versions and locks rules, computes on Temporal with progress, stores, tags and marks official", async () => {
    const run = await seedRun(services.db, { stages: ["online"] });
    await services.db.updateTable("run").set({ beam_energy: 6800 }).where("run_number", "=", run.runNumber).execute();
    await services.db.updateTable("lumisection").set({ beam1_stable: false }).where("run_number", "=", run.runNumber).where("ls_number", "=", 3).execute();
    await insertFlags(services.db, run.runNumber, "online", [
      { component: "tracker-pixel", firstLs: 1, lastLs: 20, status: "GOOD", cause: "", comment: "", origin: person },
      { component: "tracker-pixel", firstLs: 16, lastLs: 20, status: "BAD", cause: "", comment: "hv trip", origin: person },
    ], "alice", null);

    const expert = createCaller(createContextInner({ services, identity: identityOf("expert") }));
    const shifter = createCaller(createContextInner({ services, identity: identityOf("shifter") }));
    const name = `physics-${randomUUID().slice(0, 8)}`;
    const logic = { and: [{ "==": [{ var: "lumisection.rr.tracker-pixel" }, "GOOD"] }, { ">=": [{ var: "run.oms.energy" }, 6000] }, { "==": [{ var: "lumisection.oms.beam1_stable" }, true] }] };
    expect(await expert.goldenJson.createRule({ name, logic, datasetPattern: "online" })).toEqual({ name, version: 1 });
    expect(await expert.goldenJson.createRule({ name, logic, datasetPattern: "online" })).toEqual({ name, version: 2 });
    await expert.goldenJson.lockRule({ name, locked: true });
    await expect(expert.goldenJson.createRule({ name, logic, datasetPattern: "x" })).rejects.toThrow(/locked at version 2/);
    await expect(expert.goldenJson.createRule({ name: `${name}-bad`, logic: { nosuchop: [] }, datasetPattern: "x" })).rejects.toThrow(/does not evaluate/);
    await expect(shifter.goldenJson.create({ ruleName: "no-such-rule", requestId: randomUUID() })).rejects.toThrow(/unknown golden-JSON rule 'no-such-rule'/);

    const requestId = randomUUID();
    const started = await shifter.goldenJson.create({ ruleName: name, runFrom: run.runNumber, runTo: run.runNumber, requestId });
    expect(started).toMatchObject({ ruleVersion: 2, query: { datasetPattern: "online", runFrom: run.runNumber, runTo: run.runNumber } });
    const done = await eventually(async () => {
      const p = await shifter.goldenJson.progress({ requestId });
      return p.status === "COMPLETED" ? p : undefined;
    }, "golden JSON workflow");
    expect(done).toMatchObject({ phase: "done", datasetsDone: 1, datasetsTotal: 1 });
    const stored = await shifter.goldenJson.get({ id: done.goldenJsonId! });
    expect(stored.golden).toEqual({ [run.runNumber]: [[1, 2], [4, 15]] });
    expect(stored.anti_golden).toEqual({ [run.runNumber]: [[3, 3], [16, 20]] });
    expect(stored.lumi_kept).toBeCloseTo(7);
    expect(stored.lumi_lost).toBeCloseTo(3);
    expect(stored.loss_by_rule.map((l) => l.exclusiveLumi)).toEqual([2.5, 0, 0.5]);
    expect(stored).toMatchObject({ rule_name: name, rule_version: 2, query: { datasetPattern: "online" } });

    const tag = `Cert-${randomUUID().slice(0, 8)}`;
    expect(await expert.goldenJson.tag({ id: stored.id, tag, official: true })).toMatchObject({ tag, official: true });
    expect((await shifter.goldenJson.list({ official: true })).some((j) => j.id === stored.id)).toBe(true);
  });
});
