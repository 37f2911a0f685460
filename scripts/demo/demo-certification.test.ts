import { describe, expect, it } from "vitest";
import { loadCertificationConfig } from "../../server/certification/certification-config-file";
import { globToRegExp } from "../../server/compare/config/glob";
import { parseDqmFileName } from "../../server/histograms/dqm-file-name";
import { parseDatasetName } from "../../server/ingest/dataset-name";
import { DEMO_LIVE_RUNS, demoStageDataset, MES, planFor, stageMes, stagesToSignOff } from "./demo-certification";
import { dqmFileName } from "./dqm-file-writer";
import { liveRunFiles, splitSeason } from "./load-demo-data";
import { buildSeason } from "./season";

describe("demo certification plan", () => {
  const plans = Array.from({ length: DEMO_LIVE_RUNS }, (_, i) => planFor(i));

  it("leaves runs in every stage and state the board should show", () => {
    expect(plans.some((p) => p.stagesWithData.length === 0)).toBe(true);
    expect(plans.some((p) => !p.autoSignoff && p.stagesWithData.includes("online"))).toBe(true);
    expect(plans.some((p) => p.autoSignoff && p.stagesWithData.length === 1)).toBe(true);
    expect(plans.some((p) => p.calibration === "partial")).toBe(true);
    expect(plans.some((p) => p.calibration === "done" && p.autoSignoff && p.stagesWithData.includes("prompt"))).toBe(true);
    expect(plans.filter((p) => p.trackerHole)).toHaveLength(1);
    // The demo's shifter signs prompt off only where the calibrations are done (others stay at the gate).
    expect(stagesToSignOff(planFor(15))).toEqual(["online", "express"]);
    expect(stagesToSignOff(planFor(20))).toEqual(["online", "express", "prompt"]);
    expect(stagesToSignOff(planFor(5))).toEqual([]);
  });

  it("gives the product's certification configuration one ME per component, each flagged by its rule", async () => {
    const config = await loadCertificationConfig();
    expect(new Set(MES.map((m) => m.path))).toEqual(new Set(config.monitorElements));
    for (const me of MES) {
      const rules = config.autoFlagRules.filter((r) => r.match.some((g) => globToRegExp(g).test(me.path)));
      expect(rules.map((r) => r.component), me.path).toContain(me.component);
    }
  });

  it("names each stage's file so the scan and ingest give it that stage", () => {
    for (const stage of ["online", "express", "prompt"] as const) {
      const dataset = demoStageDataset(stage, 303000);
      expect(parseDatasetName(dataset).stage).toBe(stage);
      expect(parseDqmFileName(dqmFileName(303000, dataset)).dataset).toBe(dataset);
    }
  });

  it("splits the season into history, a live window of the newest runs and a Collisions reference before it", () => {
    const golden = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [String(297000 + i * 10), [[1, 100]] as [number, number][]]));
    const season = buildSeason(golden, 60);
    const { archive, live, reference } = splitSeason(season);
    expect(live).toHaveLength(DEMO_LIVE_RUNS);
    expect(live[0]!.run).toBe(Math.max(...season.map((r) => r.run)));
    expect(archive.length + live.length).toBe(season.length);
    expect(reference!.runClass).toBe("Collisions");
    expect(reference!.run).toBeLessThan(Math.min(...live.map((r) => r.run)));
    // Files for the stages the plan gives data to, holding every certification ME.
    const files = liveRunFiles("/storage", live[5]!, 5);
    expect(files.map((f) => parseDqmFileName(f.file).dataset)).toEqual(["online", "express", "prompt"].map((s) => demoStageDataset(s as "online", live[5]!.run)));
    for (const me of MES) expect(files[0]!.mes.has(me.path)).toBe(true);
    expect(liveRunFiles("/storage", live[0]!, 0)).toEqual([]);
    expect(stageMes(live[5]!, "online", planFor(5)).size).toBeGreaterThan(MES.length);
  });
});
