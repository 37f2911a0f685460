import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblem } from "./config-error";
import { mappedHdqmFunctions } from "./hdqm-mapping";
import { loadMetricConfigReport } from "./load-metric-configs";

// HDQM's backend/cfg tree (fixtures/README.md) and what HDQM itself accepts of it, computed in
// Python from HDQM's reading rules by scripts/vectors/hdqm_cfg_metrics.py.
const fixtures = new URL("./fixtures/", import.meta.url);
const expected = JSON.parse(readFileSync(new URL("centralhdqm-cfg-expected.json", fixtures), "utf8")) as {
  files: number;
  sections: number;
  accepted: number;
  refused: Record<string, number>;
  functions: Record<string, number>;
  acceptedNames: string[];
};

describe("HDQM's own configuration (cms-DQM/CentralHDQM backend/cfg)", async () => {
  const report = await loadMetricConfigReport(new URL("centralhdqm-cfg/", fixtures).pathname);
  const { catalog } = report;

  it("reads all 74 files and names no unknown function", () => {
    expect(report.files).toHaveLength(expected.files);
    expect(expected.files).toBe(74);
    expect(catalog.problems.filter((p) => p.reason === "unknown-function").map(formatProblem)).toEqual([]);
  });

  it("maps every one of the 39 functions the files name, repeated entries included", () => {
    const tree = new URL("centralhdqm-cfg/", fixtures);
    const named = new Set<string>();
    for (const sub of readdirSync(tree)) {
      for (const f of readdirSync(new URL(`${sub}/`, tree))) {
        const text = readFileSync(new URL(`${sub}/${f}`, tree), "utf8");
        for (const m of text.matchAll(/^metric\s*[=:]\s*(\w+\.\w+)\s*\(/gm)) named.add(m[1] ?? "");
      }
    }
    expect(named.size).toBe(39);
    expect([...named].filter((f) => !mappedHdqmFunctions().includes(f))).toEqual([]);
  });

  it("accepts exactly the entries HDQM accepts, refusing only the repeated names, every copy", () => {
    const names = catalog.metrics.map((m) => `${m.subsystem}/${m.name}`).sort();
    expect(names).toEqual(expected.acceptedNames);
    expect(catalog.problems.map((p) => p.reason)).toEqual(Array(expected.refused["duplicate-name"]).fill("duplicate-name"));
    expect(names.length + catalog.problems.length).toBe(expected.sections);
    // Each refusal names its subsystem, for the trend page's "failed to load" list.
    expect(catalog.problems.filter((p) => p.subsystem !== p.file.split("/")[0])).toEqual([]);
  });

  it("uses each of HDQM's metric functions as often as HDQM does", () => {
    const used: Record<string, number> = {};
    for (const m of catalog.metrics) used[m.hdqmFunction ?? "?"] = (used[m.hdqmFunction ?? "?"] ?? 0) + 1;
    expect(used).toEqual(expected.functions);
  });

  it("keeps FlatLine's (30.) a number and a spaced path one path", () => {
    const flat = catalog.metrics.filter((m) => m.hdqmFunction === "fits.FlatLine");
    expect(flat.length).toBeGreaterThan(0);
    const spaced = catalog.metrics.find((m) => m.relativePath.some((p) => p === "SiStrip/MechanicalView/MainDiagonal Position"));
    expect(spaced?.relativePath).toHaveLength(1);
  });
});
