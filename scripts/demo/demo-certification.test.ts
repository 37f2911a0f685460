import { describe, expect, it } from "vitest";
import { defaultCertificationConfig } from "../../server/certification/certification-config";
import { demoCertificationConfig, demoStageDataset, planFor } from "./demo-certification";
import { parseDatasetName } from "../../server/ingest/dataset-name";

describe("demo certification plan", () => {
  const plans = Array.from({ length: 25 }, (_, i) => planFor(i));

  it("leaves runs in every stage and state the board should show", () => {
    expect(plans.some((p) => p.stagesWithData.length === 0)).toBe(true);
    expect(plans.some((p) => !p.autoSignoff && p.stagesWithData.includes("online"))).toBe(true);
    expect(plans.some((p) => p.autoSignoff && p.stagesWithData.length === 1)).toBe(true);
    expect(plans.some((p) => p.calibration === "partial")).toBe(true);
    expect(plans.some((p) => p.calibration === "done" && p.autoSignoff && p.stagesWithData.includes("prompt"))).toBe(true);
    expect(plans.filter((p) => p.trackerHole)).toHaveLength(1);
  });

  it("flags every certifiable component automatically, so an automatic sign-off can pass", () => {
    const config = demoCertificationConfig(1, planFor(20));
    expect(new Set(config.autoFlagRules.map((r) => r.component))).toEqual(new Set(defaultCertificationConfig.components));
    for (const rule of config.autoFlagRules) expect(config.monitorElements).toEqual(expect.arrayContaining(rule.match));
    expect(config.autoSignoff).toBe(true);
    expect(demoCertificationConfig(1, planFor(5)).autoSignoff).toBe(false);
  });

  it("names each stage's dataset so ingest's parser gives it that stage", () => {
    for (const stage of ["online", "express", "prompt"] as const) expect(parseDatasetName(demoStageDataset(stage, 303000)).stage).toBe(stage);
  });
});
