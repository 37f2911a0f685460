import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "./config-error";
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
  const catalog = await loadMetricConfigs(await tree(files));
  return catalog.problems.map(formatProblem).join("\n");
}

describe("HDQM expressions", () => {
  it("parses Python literal arguments", () => {
    expect(parsePyCall("fits.Landau(0, 18., 30., (25.,15.))")).toEqual({ module: "fits", name: "Landau", args: [0, 18, 30, [25, 15]], kwargs: {} });
    expect(parsePyCall("basic.BinCount('Pixel', noError=True)").kwargs).toEqual({ noError: true });
    expect(() => parsePyCall("basic.Mean(__import__('os'))")).toThrow(/not a literal/);
  });

  it("reads (30.) as the number 30, as Python does, and (30.,) as a tuple", () => {
    expect(parsePyCall("fits.FlatLine(0, 0., 60., (30.))").args).toEqual([0, 0, 60, 30]);
    expect(parsePyCall("f.g((30.,), ())").args).toEqual([[30], []]);
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

  it("refuses a section with a key given twice and drops every copy of a section repeated in a file", async () => {
    const twice = parseHdqmIni("X/t.ini", "[plot:k]\nmetric = basic.Mean()\nmetric = basic.Count()\nrelativePath = a\nyTitle = t\n", "X");
    expect(twice.problems).toMatchObject([{ entry: "k", reason: "bad-value", message: "keys given twice: metric" }]);
    const catalog = await loadMetricConfigs(await tree({ "X/d.ini": "[plot:d]\nmetric = basic.Mean()\nrelativePath = a\nyTitle = t\n[plot:d]\nmetric = basic.Count()\nrelativePath = a\nyTitle = t\n[plot:e]\nmetric = basic.Count()\nrelativePath = a\nyTitle = t\n" }));
    expect(catalog.metrics.map((m) => m.name)).toEqual(["e"]);
    expect(catalog.problems.map((p) => `${p.entry} ${p.reason}`)).toEqual(["d duplicate-name", "d duplicate-name"]);
  });

  it("keeps a path with a space as one path", () => {
    const parsed = parseHdqmIni("SiStrip/s.ini", "[plot:d]\nmetric = basic.Mean()\nrelativePath = SiStrip/MechanicalView/MainDiagonal Position\nyTitle = t\n", "SiStrip");
    expect(parsed.metrics[0]?.relativePath).toEqual(["SiStrip/MechanicalView/MainDiagonal Position"]);
  });

  it("names file, section and reason for each refused entry and loads the rest", () => {
    const bad = parseHdqmIni(
      "X/b.ini",
      "[plot:p1]\nmetric = basic.NoSuchMetric()\nrelativePath = a\nyTitle = t\n[plot:p2]\nmetric = basic.Mean()\n[plot:p3]\nmetric = basic.Mean()\nrelativePath = a\nyTitle = t\nthis is not a key\n[plot:ok]\nmetric = basic.Mean()\nrelativePath = a\nyTitle = t\n",
      "X",
    );
    expect(bad.problems.map((p) => `${p.file} ${p.entry} ${p.reason}`)).toEqual(["X/b.ini p1 unknown-function", "X/b.ini p2 missing-key", "X/b.ini p3 bad-value"]);
    expect(bad.problems[0]?.message).toMatch(/basic.NoSuchMetric has no equivalent/);
    expect(bad.metrics.map((m) => m.name)).toEqual(["ok"]);
  });
});

describe("declarative files", () => {
  it("validates metric params against the registry", () => {
    const parsed = parseDeclarativeFile("T.yaml", "subsystem: T\nmetrics:\n  - name: q\n    relativePath: a\n    metric: quantile\n    params: { fraction: 2 }\n    yTitle: t\n", "yaml");
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ file: "T.yaml", entry: "q" });
    expect(parsed.problems[0]?.message).toMatch(/params.fraction/);
  });

  it("reports bad names, duplicates (every copy dropped, as HDQM) and unknown series across files", async () => {
    const message = await problemsOf({
      "A.yaml": "subsystem: A\nmetrics:\n  - { name: 'bad name', relativePath: a, metric: mean, yTitle: t }\n  - { name: m1, relativePath: a, metric: mean, yTitle: t }\ngroups:\n  - { name: g, plotTitle: p, yTitle: t, series: [m1, nope] }\n",
      "A/x.ini": "[plot:m1]\nmetric = basic.Mean()\nrelativePath = a\nyTitle = t\n",
      "B.json": JSON.stringify({ subsystem: "B", metrics: [{ name: "k", relativePath: "a", metric: "noSuchMetric", yTitle: "t" }] }),
    });
    expect(message).toMatch(/A\.yaml \[bad name\]: name: names may use only/);
    expect(message).toMatch(/A\.yaml \[m1\]: name used 2 times in A \(A\.yaml, A\/x\.ini\); every copy is dropped/);
    expect(message).toMatch(/A\/x\.ini \[m1\]: name used 2 times/);
    expect(message).toMatch(/A\.yaml \[g\]: unknown series in A: m1, nope/);
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
    expect(catalog.problems.map(formatProblem)).toEqual([]);
    const subsystems = new Set(catalog.metrics.map((m) => m.subsystem));
    expect([...subsystems].sort()).toEqual(["ECAL", "L1T", "Muons", "PixelPhase1", "SiStrip", "Tracking"]);
    const stoN = catalog.metrics.find((m) => m.name === "clusterStoN_ONTk_TIB_L1_mpv");
    expect(stoN?.metric).toEqual({ function: "landauFit", params: { parameter: "mpv", range: [18, 30], initial: [25, 15] } });
    expect(catalog.correlations.every((c) => c.series.length >= 2)).toBe(true);
  });
});
