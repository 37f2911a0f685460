import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../trpc/app-router";
import { createContextInner } from "../../trpc/context";
import type { AppServices } from "../../app-services";
import { identityOf, testServices } from "../../testing/integration";
import { seedRun } from "../../../workflows/certification/testing/cert-test-kit";
import { storeGoldenJson } from "./golden-json.repository";
import { importOmsRecords } from "../../ingest/oms-import";
import { forgetRuns, omsRun } from "../../ingest/test-support";

let services: AppServices;

beforeAll(() => {
  services = testServices();
});

afterAll(async () => {
  await services?.close();
});

const result = (golden: Record<string, [number, number][]>) => ({ golden, antiGolden: {}, lumiKept: 0, lumiLost: 0, lossByRule: [] });

describe("golden JSON editing through the API", () => {
  it("offers the variables a rule can read and refuses a misspelt one before saving", async () => {
    const expert = createCaller(createContextInner({ services, identity: identityOf("expert") }));
    const variables = await expert.goldenJson.variables();
    expect(variables).toEqual(expect.arrayContaining(["lumisection.rr.tracker-pixel", "lumisection.oms.beam1_stable", "run.oms.energy"]));
    const name = `typo-${randomUUID().slice(0, 8)}`;
    await expect(expert.goldenJson.createRule({ name, logic: { "==": [{ var: "lumisection.rr.trackr-pixel" }, "GOOD"] }, datasetPattern: "%" })).rejects.toThrow(
      'logic: unknown variable "lumisection.rr.trackr-pixel" (did you mean "lumisection.rr.tracker-pixel"?)',
    );
    expect((await expert.goldenJson.rules()).some((r) => r.name === name)).toBe(false);
  });

  it("learns a DCS bit as soon as lumisections carry it (kept by the write, no scan of the lumisections)", async () => {
    const expert = createCaller(createContextInner({ services, identity: identityOf("expert") }));
    const bit = `zdc${randomUUID().slice(0, 8)}`;
    const run = 870_000 + Math.floor(Math.random() * 9_000);
    expect(await expert.goldenJson.variables()).not.toContain(`lumisection.oms.${bit}`);
    try {
      await importOmsRecords(services.db, [omsRun(run, "2026-06-01T00:00:00Z"), { run_number: run, lumisection_number: 1, recorded_lumi: 0.1, [`${bit}_ready`]: true }], "test");
      expect(await expert.goldenJson.variables()).toContain(`lumisection.oms.${bit}`);
      // The same lumisection again with one more bit: the upsert's update path.
      await importOmsRecords(services.db, [{ run_number: run, lumisection_number: 1, recorded_lumi: 0.1, [`${bit}_ready`]: true, [`${bit}b_ready`]: false }], "test");
      expect(await expert.goldenJson.variables()).toContain(`lumisection.oms.${bit}b`);
      await expert.goldenJson.createRule({ name: `dcs-${bit}`, logic: { "==": [{ var: `lumisection.oms.${bit}` }, true] }, datasetPattern: "%" });
    } finally {
      await forgetRuns(services.db, [run]);
    }
  });

  it("refuses to judge a rule's variables in words when the certification configuration cannot be read", async () => {
    const broken = testServices({ CERTIFICATION_CONFIG: "/nonexistent/certification.json" });
    try {
      const expert = createCaller(createContextInner({ services: broken, identity: identityOf("expert") }));
      await expect(expert.goldenJson.createRule({ name: `noconf-${randomUUID().slice(0, 8)}`, logic: { "==": [{ var: "lumisection.rr.tracker-pixel" }, "GOOD"] }, datasetPattern: "%" })).rejects.toThrow(
        "the server's certification configuration cannot be read",
      );
    } finally {
      await broken.close();
    }
  });

  it("compares two versions of a rule set line by line", async () => {
    const expert = createCaller(createContextInner({ services, identity: identityOf("expert") }));
    const name = `diff-${randomUUID().slice(0, 8)}`;
    await expert.goldenJson.createRule({ name, logic: { and: [{ "==": [{ var: "lumisection.rr.tracker-pixel" }, "GOOD"] }] }, datasetPattern: "%Prompt%" });
    await expert.goldenJson.createRule({ name, logic: { and: [{ "==": [{ var: "lumisection.rr.tracker-strip" }, "GOOD"] }] }, datasetPattern: "%Prompt%" });
    const d = await expert.goldenJson.ruleDiff({ name, fromVersion: 1, toVersion: 2 });
    expect(d.lines.filter((l) => l.kind !== "same").map((l) => `${l.kind} ${l.text.trim()}`)).toEqual(['removed "var": "lumisection.rr.tracker-pixel"', 'added "var": "lumisection.rr.tracker-strip"']);
    await expect(expert.goldenJson.ruleDiff({ name, fromVersion: 1, toVersion: 9 })).rejects.toThrow(`rule '${name}' has no version 9`);
  });

  it("compares two stored golden JSONs: runs and lumisections gained and lost, with their recorded luminosity", async () => {
    const a = await seedRun(services.db, { stages: ["online"] });
    const b = await seedRun(services.db, { stages: ["online"] });
    const ruleName = `stored-${randomUUID().slice(0, 8)}`;
    await createCaller(createContextInner({ services, identity: identityOf("expert") })).goldenJson.createRule({ name: ruleName, logic: { "==": [1, 1] }, datasetPattern: "%" });
    const store = (golden: Record<string, [number, number][]>) =>
      storeGoldenJson(services.db, { workflowId: `test-${randomUUID()}`, ruleName, ruleVersion: 1, query: { datasetPattern: "%" }, result: result(golden), tag: null, user: "test" });
    const older = await store({ [a.runNumber]: [[1, 20]] });
    const newer = await store({ [a.runNumber]: [[1, 10], [15, 20]], [b.runNumber]: [[1, 4]] });
    const viewer = createCaller(createContextInner({ services, identity: identityOf("viewer") }));
    const { diff, from, to } = await viewer.goldenJson.diff({ fromId: older, toId: newer });
    expect([from.id, to.id]).toEqual([older, newer]);
    expect(diff.runsGained).toEqual([b.runNumber]);
    expect(diff.runsLost).toEqual([]);
    expect(diff.lost).toEqual({ [a.runNumber]: [[11, 14]] });
    expect([diff.lsGained, diff.lsLost]).toEqual([4, 4]);
    // seedRun gives every lumisection 0.5 /pb recorded.
    expect([diff.lumiGained, diff.lumiLost]).toEqual([2, 2]);
    await expect(viewer.goldenJson.diff({ fromId: older, toId: 2_000_000_000 })).rejects.toThrow("no golden JSON 2000000000");
  });
});
