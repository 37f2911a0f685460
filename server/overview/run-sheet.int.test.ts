/** The run page's sheet through the API on the real database: any known run, certified or not; an unknown run is NOT_FOUND in words. */
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { identityOf, testServices } from "../testing/integration";
import { createCaller } from "../trpc/app-router";
import { seedRun } from "../../workflows/certification/testing/cert-test-kit";

describe("overview.runSheet", () => {
  const services = testServices();
  const api = createCaller({ services, identity: identityOf("viewer") });
  afterAll(() => services.close());

  it("gives a run's metadata, links naming the run, and its lumisections' bits, without any certification", async () => {
    const { runNumber } = await seedRun(services.db, { lsCount: 5 });
    await services.db.updateTable("run").set({ fill_number: 6000, b_field: 3.8, hlt_key: "/cdaq/physics/test/HLT", end_time: new Date(Date.UTC(2026, 5, 1, 1, 2, 5)) }).where("run_number", "=", runNumber).execute();
    const sheet = await api.overview.runSheet({ runNumber });
    expect(sheet).toMatchObject({ runNumber, runClass: "Collisions", fill: 6000, bField: 3.8, hltKey: "/cdaq/physics/test/HLT", durationS: 3725, lsCount: 5 });
    for (const link of Object.values(sheet.links)) expect(link).toContain(String(runNumber));
    expect(sheet.lumisections).toHaveLength(5);
    expect(sheet.lumisections[0]).toMatchObject({ ls: 1, beam1: true, beam2: true });
  });

  it("refuses an unknown run as NOT_FOUND, saying what is missing", async () => {
    const err = await api.overview.runSheet({ runNumber: 2_000_000_001 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect(err).toMatchObject({ code: "NOT_FOUND", message: "unknown run 2000000001: neither its OMS metadata nor a DQM file has arrived in dqmflow" });
  });
});
