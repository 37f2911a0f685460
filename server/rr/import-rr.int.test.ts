/** `dqmflow import-rr` on JSON shaped as the runregistry client saves it, read back through /rr's own functions. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { importRrCommand } from "../cli/commands/import-rr";
import { testServices } from "../testing/integration";
import { omsLumisections, rrLumisectionRangesByComponent } from "./lumisections";
import { rrRunRows } from "./rows";

let services: AppServices;
beforeAll(() => {
  services = testServices();
});
afterAll(async () => {
  await services?.close();
});

describe("dqmflow import-rr", () => {
  it("loads runs, flags and OMS lumisections saved with the client, once", async () => {
    const run = randomInt(800_000, 1_900_000) * 1000 + 7;
    const dir = mkdtempSync(path.join(tmpdir(), "import-rr-"));
    const runs = [
      {
        run_number: run,
        oms_attributes: { start_time: "2018-10-01T10:00:00Z", end_time: "2018-10-01T11:00:00Z", energy: 6500, b_field: 3.8, fill_number: 7221, hlt_key: "/cdaq/physics/Run2018/v1", ls_duration: 6, recorded_lumi: 12.5 },
        rr_attributes: { class: "Collisions18", state: "COMPLETED", significant: true, stop_reason: "" },
        version: 3,
        deleted: false,
        DatasetTripletCache: { triplet_summary: {} },
      },
    ];
    const flags = {
      "dt-dt": [
        { status: "GOOD", comment: "", cause: "", start: 1, end: 3 },
        { status: "BAD", comment: "MB1 off", cause: "hv", start: 4, end: 6 },
      ],
      "csc-csc": [{ status: "EMPTY", comment: "", cause: "", start: 1, end: 6 }],
    };
    const oms = Array.from({ length: 6 }, (_, i) => (i === 2 ? { err: "No data available for this lumisection" } : { bpix_ready: true, fpix_ready: i < 4, beam1_stable: true, beam2_stable: true, recorded: 2, delivered: 2.2 }));
    writeFileSync(path.join(dir, "runs.json"), JSON.stringify(runs));
    writeFileSync(path.join(dir, `flags-${run}.json`), JSON.stringify(flags));
    writeFileSync(path.join(dir, "oms.json"), JSON.stringify({ [run]: oms }));
    writeFileSync(path.join(dir, "other.json"), JSON.stringify({ hello: 1 }));
    const files = ["other.json", `flags-${run}.json`, "oms.json", "runs.json"].map((f) => path.join(dir, f));

    expect(await importRrCommand.run(files)).toBe(1); // other.json is refused, the rest imported
    expect(await importRrCommand.run(files.slice(1))).toBe(0); // again: nothing written twice

    const ctx = { db: services.db, components: ["dt-dt", "csc-csc"] };
    const [row] = await rrRunRows(ctx, [run]);
    expect(row).toMatchObject({ run_number: run, rr_attributes: { class: "Collisions", significant: true }, oms_attributes: { energy: 6500, b_field: 3.8, fill_number: 7221, ls_duration: 6 } });
    expect(row!.DatasetTripletCache.triplet_summary["dt-dt"]).toMatchObject({ GOOD: 3, BAD: 3, comments: ["MB1 off"], causes: ["hv"] });
    expect(await rrLumisectionRangesByComponent(ctx, { runNumber: run, dataset: "online" })).toEqual({
      "csc-csc": [{ status: "EMPTY", comment: "", cause: "", start: 1, end: 6 }],
      "dt-dt": [
        { status: "GOOD", comment: "", cause: "", start: 1, end: 3 },
        { status: "BAD", comment: "MB1 off", cause: "hv", start: 4, end: 6 },
      ],
    });
    expect(await omsLumisections(ctx, { runNumber: run, dataset: "online" })).toEqual(oms.map((o) => ("err" in o ? o : { ...o })));
    const flagsWritten = await services.db.selectFrom("cert_flag").select(["origin_kind", "origin_name"]).where("run_number", "=", run).execute();
    for (const table of ["cert_flag", "lumisection", "dataset"] as const) await services.db.deleteFrom(table).where("run_number", "=", run).execute();
    await services.db.deleteFrom("run").where("run_number", "=", run).execute();
    expect(flagsWritten).toEqual([
      { origin_kind: "person", origin_name: "Run Registry import" },
      { origin_kind: "person", origin_name: "Run Registry import" },
    ]);
  });
});
