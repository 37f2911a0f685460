/** Test helper: the cases of issue 16 as make_compare_compat_vectors.py writes them. */
import type { Normalisation } from "../autodqm/pull-values";

export interface Pulls {
  chi2: number;
  maxPull: number;
  isOutlier: boolean;
}
/** The shape of compat.json (scripts/vectors/make_compare_compat_vectors.py). */
export interface CompatVectors {
  pulls: ({ name: string; normalisation: Normalisation; nx: number; ny: number; data: number[]; ref: number[] } & Pulls)[];
  profile2d: { nx: number; ny: number; data: { sumwz: number[]; sumw: number[] }; ref: { sumwz: number[]; sumw: number[] }; pullValues: Pulls; betaBinomial: { chi2: number; maxPull: number; used: number } };
  minEntries: { nx: number; ny: number; data: number[]; ref: number[]; entries: number } & Pulls;
  ksX: { name: string; h1: number[]; sumw2_1: number[] | null; h2: number[]; sumw2_2: number[] | null; d: number; p: number; sigma: number }[];
  qtests: {
    noisyTolerance: { contents: number[]; tolerance: number; neighbours: number; value: number };
    noisyZeroNeighbours: { contents: number[]; tolerance: number; neighbours: number; value: number };
    contentSigmaZeroNeighbours: { contents: number[]; toleranceNoisy: number; toleranceDead: number; xBlocks: number; neighboursX: number; value: number };
    compareToMedianNegative: { nx: number; ny: number; means: number[][]; entries: number[][]; params: Record<string, unknown>; value: number; status: string };
  };
  xml: {
    th1: number[];
    th2: { nx: number; ny: number; inner: number[] };
    ContentsYRange: { value: number; status: string };
    DeadChannel: { value: number; status: string };
    ContentsWithinExpected: { value: number; status: string };
  };
}
