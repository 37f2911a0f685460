import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MetricConfigError } from "./config-error";
import { loadMetricConfigs } from "./load-metric-configs";
import { parseDeclarativeFile, parseHdqmIni } from "./parse-config-file";
import { parsePyCall } from "./python-literal";

const repoConfigs = new URL("../../../config/metrics/", import.meta.url).pathname;

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "metric-configs-"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function problemsOf(files: Record<string, string>): Promise<string> {
  try {
    await loadMetricConfigs(await tree(files));
  } catch (e) {
    if (e instanceof MetricConfigError) return e.message;
    throw e;
  }
  throw new Error("expected a MetricConfigError");
}

describe("HDQM expressions", () => {
  it("parses Python literal arguments", () => {
    expect(parsePyCall("fits.Landau(0, 18., 30., (25.,15.))")).toEqual({ module: "fits", name: "Landau", args: [0, 18, 30, [25, 15]], kwargs: {} });
    expect(parsePyCall("basic.BinCount('Pixel', noError=True)").kwargs).toEqual({ noError: true });
    expect(() => parsePyCall("basic.Mean(__import__('os'))")).toThrow(/not a literal/);
  });
});

describe("HDQM INI files", () => {
  const ini = `[plot:NErr_FED_ratio]
metric = basic.Ratio1(0,20)
relativePath = /SiStrip/ReadoutView/FedMonitoringSummary/FEDLevel/nFEDErrors,SiStrip/ReadoutView/FedSummary/FED/nFEDErrors
threshold = 10
yTitle = NErr_FED_ratio

[plot:mpv]
metric = fits.LandauAroundMaxBin(1, 5.)
relativePath = A/b
histo1Path = A/c
yTitle = MPV
`;
  it("accepts them as they are", () => {
    const parsed = parseHdqmIni("SiStrip/a.ini", ini, "SiStrip");
    expect(parsed.problems).toEqual([]);
    const [ratio, mpv] = parsed.metrics;
    expect(ratio?.relativePath).toEqual(["SiStrip/ReadoutView/FedMonitoringSummary/FEDLevel/nFEDErrors", "SiStrip/ReadoutView/FedSummary/FED/nFEDErrors"]);
    expect(ratio?.metric).toEqual({ function: "rangeRatio", params: { low: 0, high: 20, inverse: true } });
    expect(ratio?.plotTitle).toBe("NErr_FED_ratio");
    expect(mpv?.metric).toEqual({ function: "landauAroundMaxBin", params: { parameter: "mpv", halfWidth: 5 } });
    expect(mpv?.histo1Path).toEqual(["A/c"]);
  });

  it("names file and section for unsupported metrics and missing keys", () => {
    const bad = parseHdqmIni("X/b.ini", "[plot:p1]\nmetric = basic.MaxExcursion()\nrelativePath = a\nyTitle = t\n[plot:p2]\nmetric = basic.Mean()\n", "X");
    expect(bad.problems.map((p) => `${p.file} ${p.entry}`)).toEqual(["X/b.ini p1", "X/b.ini p2", "X/b.ini p2"]);
    expect(bad.problems[0]?.message).toMatch(/MaxExcursion has no equivalent/);
  });
});

describe("declarative files", () => {
  it("validates metric params against the registry", () => {
    const parsed = parseDeclarativeFile("T.yaml", "subsystem: T\nmetrics:\n  - name: q\n    relativePath: a\n    metric: quantile\n    params: { fraction: 2 }\n    yTitle: t\n", "yaml");
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ file: "T.yaml", entry: "q" });
    expect(parsed.problems[0]?.message).toMatch(/params.fraction/);
  });

  it("reports bad names, duplicates and unknown series across files", async () => {
    const message = await problemsOf({
      "A.yaml": "subsystem: A\nmetrics:\n  - { name: 'bad name', relativePath: a, metric: mean, yTitle: t }\n  - { name: m1, relativePath: a, metric: mean, yTitle: t }\ngroups:\n  - { name: g, plotTitle: p, yTitle: t, series: [m1, nope] }\n",
      "A/x.ini": "[plot:m1]\nmetric = basic.Mean()\nrelativePath = a\nyTitle = t\n",
      "B.json": JSON.stringify({ subsystem: "B", metrics: [{ name: "k", relativePath: "a", metric: "noSuchMetric", yTitle: "t" }] }),
    });
    expect(message).toMatch(/A\.yaml \[bad name\]: name: names may use only/);
    expect(message).toMatch(/A\/x\.ini \[m1\]: name already used in A \(A\.yaml\)/);
    expect(message).toMatch(/A\.yaml \[g\]: unknown series in A: nope/);
    expect(message).toMatch(/B\.json \[k\]: metric 'noSuchMetric': unknown metric function/);
  });

  it("rejects a check without a bound and an INI file outside a subsystem folder", async () => {
    const message = await problemsOf({
      "C.yaml": "subsystem: C\nmetrics:\n  - { name: c, relativePath: a, metric: mean, yTitle: t, checks: { expectedRange: {} } }\n",
      "top.ini": "[plot:z]\nmetric = basic.Mean()\nrelativePath = a\nyTitle = t\n",
    });
    expect(message).toMatch(/C\.yaml \[c\]: checks\.expectedRange: give min, max or both/);
    expect(message).toMatch(/top\.ini: HDQM INI files go in a folder/);
  });
});

describe("the shipped config/metrics", () => {
  it("loads every subsystem without problems", async () => {
    const catalog = await loadMetricConfigs(repoConfigs);
    const subsystems = new Set(catalog.metrics.map((m) => m.subsystem));
    expect([...subsystems].sort()).toEqual(["ECAL", "L1T", "Muons", "PixelPhase1", "SiStrip", "Tracking"]);
    const stoN = catalog.metrics.find((m) => m.name === "clusterStoN_ONTk_TIB_L1_mpv");
    expect(stoN?.metric).toEqual({ function: "landauFit", params: { parameter: "mpv", range: [18, 30], initial: [25, 15] } });
    expect(catalog.correlations.every((c) => c.series.length >= 2)).toBe(true);
  });
});
