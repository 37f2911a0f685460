import { z } from "zod";
import { defineMetric, type RegisteredMetric } from "./define-metric";
import { isKnownRbx, rbxCountNonZero, rbxMean } from "./hcal/rbx";
import { digisPerCluster, entriesRate, pixelEfficiency, recoFraction } from "./multi-histogram";

const bin = z.union([z.number().int(), z.string().min(1)]);
const rbx = z.string().refine(isKnownRbx, { error: (issue) => `unknown HCAL RBX '${String(issue.input)}'` });
const depths = z.array(z.number().int().min(0)).min(1).max(3);

/** Metrics reading extra MEs (histo1Path, histo2Path), HDQM basic.* and hcal_metrics.*. */
export const multiHistogramMetrics: Readonly<Record<string, RegisteredMetric>> = {
  recoFraction: defineMetric({
    description: "a bin of the ME over histo1's entries (HDQM RecoFraction)",
    params: z.strictObject({ bin, noError: z.boolean().default(false) }),
    needs: ["histo1"],
    compute: ({ main, histo1 }, p) => recoFraction(main, histo1, p.bin, p.noError),
  }),
  pixelEfficiency: defineMetric({
    description: "valid hits over valid plus missing (ME and histo1), binomial error (HDQM PixelEfficiency)",
    params: z.strictObject({}),
    needs: ["histo1"],
    compute: ({ main, histo1 }) => pixelEfficiency(main, histo1),
  }),
  digisPerCluster: defineMetric({
    description: "mean(ME) / (mean(histo1) × mean(histo2)) (HDQM PixelDigiPerClusterPix)",
    params: z.strictObject({}),
    needs: ["histo1", "histo2"],
    compute: ({ main, histo1, histo2 }) => digisPerCluster(main, histo1, histo2),
  }),
  entriesRate: defineMetric({
    description: "entries from x on per second of filled lumisections in histo1 (HDQM EntriesRate)",
    params: z.strictObject({ x: z.number(), secondsPerLumisection: z.number().positive().default(23) }),
    needs: ["histo1"],
    compute: ({ main, histo1 }, p) => entriesRate(main, histo1, p.x, p.secondsPerLumisection),
  }),
  rbxCountNonZero: defineMetric({
    description: "filled channels of an HCAL RBX over up to three depth maps (HDQM RBXCountNonZeroChan)",
    params: z.strictObject({ rbx, depths }),
    compute: (inputs, p) => rbxCountNonZero(p.rbx, p.depths, inputs),
  }),
  rbxMean: defineMetric({
    description: "mean of the filled channels of an HCAL RBX (HDQM RBXMean)",
    params: z.strictObject({ rbx, depths }),
    compute: (inputs, p) => rbxMean(p.rbx, p.depths, inputs),
  }),
};
