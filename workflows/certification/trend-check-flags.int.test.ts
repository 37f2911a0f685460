import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../server/app-services";
import { startCertification } from "../../server/certification/certification.service";
import { testServices } from "../../server/testing/integration";
import { certificationQuery, certifyRunWorkflowId } from "./certify-run.messages";
import { eventually, seedRun, startCertWorker, testConfig } from "./testing/cert-test-kit";

/** HDQM trend checks feed a certification stage: an alarmed point becomes an automatic BAD flag. */
let services: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;
const subsystem = `TrendFlags${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  services = testServices();
  worker = await startCertWorker(services);
});
afterAll(async () => {
  const ids = (await services.db.selectFrom("metric_definition").select("id").where("subsystem", "=", subsystem).execute()).map((d) => d.id);
  if (ids.length) await services.db.deleteFrom("metric_point").where("metric_id", "in", ids).execute();
  await services.db.deleteFrom("metric_definition").where("subsystem", "=", subsystem).execute();
  await worker?.stop();
  await services?.close();
});

describe("trend checks in certification", () => {
  it("turns a failed trend check on the stage's dataset into an ERROR result and the rule's flag", async () => {
    const run = await seedRun(services.db, { stages: ["online"] });
    const dataset = await services.db.selectFrom("dataset").select("id").where("run_number", "=", run.runNumber).where("name", "=", "online").executeTakeFirstOrThrow();
    const defs = await services.db
      .insertInto("metric_definition")
      .values(["occupancy", "noise"].map((name) => ({ subsystem, name, plot_title: name, y_title: "y", me_paths: ["Pixel/h"], function: "mean", params: "{}", checks: JSON.stringify([{ kind: "expectedRange", low: 0, high: 10 }]), config_file: "test" })))
      .returning(["id", "name"])
      .execute();
    const id = (name: string) => defs.find((d) => d.name === name)!.id;
    await services.db
      .insertInto("metric_point")
      .values([
        { time: new Date(Date.UTC(2026, 5, 1)), run_number: run.runNumber, dataset_id: dataset.id, metric_id: id("occupancy"), value: 42, error: 1 },
        { time: new Date(Date.UTC(2026, 5, 1)), run_number: run.runNumber, dataset_id: dataset.id, metric_id: id("noise"), value: 3, error: 1 },
      ])
      .execute();
    await services.db
      .insertInto("trend_alarm")
      .values({ metric_id: id("occupancy"), dataset_id: dataset.id, run_number: run.runNumber, check_kind: "expectedRange", value: 42, expected_low: 0, expected_high: 10, message: "42 outside [0, 10]" })
      .execute();

    const config = testConfig(run.referenceRun, {
      autoFlagRules: [
        { name: "pixel-trends", component: "tracker-pixel", match: [`hdqm/${subsystem}/**`], onError: "BAD", onPass: "GOOD" },
        { name: "dt-shape", component: "dt-dt", match: ["DT/**"], onError: "BAD", onPass: "GOOD" },
      ],
    });
    await startCertification(worker.deps, run.runNumber, config);
    const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber));
    await eventually(async () => ((await handle.query(certificationQuery)).awaitingSignoff.includes("online") ? true : undefined), "online comparisons");

    const results = await services.db.selectFrom("cert_comparison").select(["me_path", "status", "statistic", "message"]).where("run_number", "=", run.runNumber).where("test", "=", "trend-check").orderBy("me_path").execute();
    expect(results).toEqual([
      { me_path: `hdqm/${subsystem}/noise`, status: "OK", statistic: 3, message: null },
      { me_path: `hdqm/${subsystem}/occupancy`, status: "ERROR", statistic: 42, message: "42 outside [0, 10]" },
    ]);
    const flag = await services.db.selectFrom("cert_flag").selectAll().where("run_number", "=", run.runNumber).where("component", "=", "tracker-pixel").executeTakeFirstOrThrow();
    expect(flag).toMatchObject({ status: "BAD", origin_kind: "rule", origin_name: "pixel-trends", first_ls: 1, last_ls: run.lsCount });
    expect(flag.cause).toContain(`trend-check ERROR on hdqm/${subsystem}/occupancy`);
    await handle.terminate("test done");
  }, 60_000);
});
