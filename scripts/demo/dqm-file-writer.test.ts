import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seededRng } from "../../server/compare/math/rng";
import { parseDqmFileName } from "../../server/histograms/dqm-file-name";
import { openDqmRootFile } from "../../server/histograms/dqm-root-file";
import type { Histogram } from "../../server/histograms/histogram";
import { encodeHistogram } from "../../server/ingest/histogram-codec";
import { dqmStoragePath, writeDqmFiles } from "./dqm-file-writer";
import { gauss, profile, th1FromPdf, th1FromValues, th2 } from "./histogram-builders";

// The Python writer (uproot) and the project's reader (jsroot) agree on every histogram kind the
// demo makes: what is written reads back identical, in the layout and names the ingest expects.
describe("DQM file writer", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("writes TH1, variable-bin TH1 with sumw2, TH2 and TProfile that read back exactly", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dqm-writer-"));
    dirs.push(dir);
    const rng = seededRng(7);
    const variable: Histogram = {
      ...th1FromValues("turnOn", 0, 100, [0.1, 0.5, 0.9, 0.98], [0.01, 0.02, 0.01, 0.005], 1234),
      x: { nbins: 4, min: 0, max: 100, edges: Float64Array.from([0, 10, 30, 60, 100]) },
    };
    const mes = new Map<string, Histogram>([
      ["PixelPhase1/Tracks/PXBarrel/charge_PXLayer_1", th1FromPdf("charge_PXLayer_1", 60, 0, 60000, 5000, (x) => gauss(x, 21000, 3000), rng)],
      ["EcalBarrel/EBSummaryClient/EBTMT timing mean 1D summary", th1FromPdf("EBTMT timing", 50, -5, 5, 2000, (x) => gauss(x, 0, 0.35), rng)],
      ["L1T/L1TStage2CaloLayer2/turnOn", variable],
      ["PixelPhase1/deadRocTotal", th2("deadRocTotal", 3, 2, (ix, iy) => ix * 10 + iy)],
      ["Tracking/TrackParameters/generalTracks/GeneralProperties/d0VsPhiProf_ImpactPoint_GenTk", { ...profile("d0phi", 16, -Math.PI, Math.PI, 50, (x) => 0.002 * Math.sin(x), 0.03, rng), errorOption: "s" }],
    ]);
    const file = dqmStoragePath(dir, 303000, "online");
    const prompt = dqmStoragePath(dir, 303000, "/ZeroBias/Run2017F-PromptReco-v1/DQMIO");
    const written = await writeDqmFiles([
      { file, run: 303000, mes },
      { file: prompt, run: 303000, mes: new Map([...mes].slice(0, 1)) },
    ]);
    expect(written).toEqual([file, prompt]);
    expect(parseDqmFileName(file)).toMatchObject({ run: 303000, dataset: "online" });
    expect(parseDqmFileName(prompt)).toMatchObject({ run: 303000, dataset: "/ZeroBias/Run2017F-PromptReco-v1/DQMIO" });
    // No temporary file is left beside the written one.
    expect(await readdir(path.dirname(file))).toEqual([path.basename(file)]);

    const root = await openDqmRootFile(file);
    expect(root.run).toBe(303000);
    expect((await root.list()).map((m) => m.mePath).sort()).toEqual([...mes.keys()].sort());
    for (const [me, h] of mes) {
      const back = encodeHistogram(await root.read(me));
      const want = encodeHistogram(h);
      // TH2 and TProfile statistics the builders leave out are computed by the writer, as ROOT would keep them.
      if (!want.stats) delete back.stats;
      // As in CMSSW's files, an object is named after its ME (the key's last segment).
      expect(back, me).toEqual({ ...want, name: me.split("/").pop() });
    }
  });

  it("refuses a histogram it cannot write, naming the file and the ME", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dqm-writer-"));
    dirs.push(dir);
    const bad = { ...th2("cells", 2, 2, () => 1), kind: "TProfile2D" } as Histogram;
    await expect(writeDqmFiles([{ file: dqmStoragePath(dir, 1, "online"), run: 1, mes: new Map([["Hcal/cells", bad]]) }])).rejects.toThrow(
      /DQM_V0001_R000000001__Global__Online__DQM\.root: ME Hcal\/cells: kind 'TProfile2D' is not supported/,
    );
  });
});
