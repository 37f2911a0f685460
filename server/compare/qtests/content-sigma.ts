/**
 * ContentSigma — CMSSW DQMServices/Core/src/QTest.cc (ContentSigma::runTest, getNeighborSum,
 * getNeighborSigma; E. Yeager and C. Freer). The histogram is cut into blocks; a block is noisy
 * (dead) when the Poisson probability of its content given the neighbours' mean ± 3σ falls below
 * the one-sided normal tail of toleranceNoisy (toleranceDead). Transcribed with CMSSW's unsigned
 * integer arithmetic and its inclusive block edges, which make neighbour sums one bin wider.
 */
import type { Histogram } from "../../histograms/histogram";
import { igam, igamc } from "../math/gamma";
import { normalSf } from "../math/normal";
import type { TestResult } from "../result";
import type { Thresholds } from "../status";
import { cellAt, checkInput, nbinsY, qtestResult } from "./qtest-result";

export interface ContentSigmaParams {
  readonly toleranceNoisy?: number;
  readonly toleranceDead?: number;
  readonly noisy: boolean;
  readonly dead: boolean;
  /** 999 means one block per bin; 0 keeps CMSSW's 1. */
  readonly xBlocks: number;
  readonly yBlocks: number;
  /** 999 means 0; 0 keeps CMSSW's 1. */
  readonly neighboursX: number;
  readonly neighboursY: number;
  /** 0 means the full axis. */
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** ROOT::Math::poisson_cdf(n, μ) = Q(n+1, μ) and its complement P(n+1, μ) (MathCore ProbFuncMathCore). */
const poissonCdf = (n: number, mu: number): number => igamc(n + 1, mu);
const poissonCdfC = (n: number, mu: number): number => igam(n + 1, mu);
/** C++ conversion of a double to unsigned (truncation; negatives clamp to 0 here rather than wrap). */
const toUnsigned = (x: number): number => Math.max(0, Math.trunc(x));

interface Geometry {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  xBinNum: number;
  yBinNum: number;
}

function geometry(h: Histogram, p: ContentSigmaParams, xBlocksIn: number, yBlocksIn: number): Geometry & { nbinsX: number; nbinsY: number; xBlocks: number; yBlocks: number } {
  let nbinsX = h.x.nbins;
  let ny = nbinsY(h);
  let xMin = 1;
  let yMin = 1;
  let xMax = nbinsX;
  let yMax = ny;
  if (p.xMin !== 0 && p.xMax !== 0 && p.xMax <= nbinsX && p.xMin <= p.xMax) {
    nbinsX = p.xMax - p.xMin + 1;
    xMax = p.xMax;
    xMin = p.xMin;
  }
  if (p.yMin !== 0 && p.yMax !== 0 && p.yMax <= ny && p.yMin <= p.yMax) {
    ny = p.yMax - p.yMin + 1;
    yMax = p.yMax;
    yMin = p.yMin;
  }
  const xBlocks = xBlocksIn === 999 ? nbinsX : xBlocksIn;
  const yBlocks = yBlocksIn === 999 ? ny : yBlocksIn;
  return { nbinsX, nbinsY: ny, xMin, xMax, yMin, yMax, xBlocks, yBlocks, xBinNum: Math.trunc(nbinsX / xBlocks), yBinNum: Math.trunc(ny / yBlocks) };
}

const content = (h: Histogram, x: number, y: number): number => h.contents[cellAt(h, x, y)]!;

function neighbourSum(h: Histogram, g: Geometry, gx: number, gy: number, nX: number, nY: number): number {
  const xLow = gx > nX ? Math.max((gx - nX) * g.xBinNum + g.xMin, g.xMin) : g.xMin;
  const xHi = Math.min((gx + 1 + nX) * g.xBinNum + g.xMin, g.xMax);
  const yLow = gy > nY ? Math.max((gy - nY) * g.yBinNum + g.yMin, g.yMin) : g.yMin;
  const yHi = Math.min((gy + 1 + nY) * g.yBinNum + g.yMin, g.yMax);
  let sum = 0;
  for (let x = xLow; x <= xHi; x++) for (let y = yLow; y <= yHi; y++) sum += content(h, x, y);
  return sum;
}

function neighbourSigma(h: Histogram, g: Geometry, average: number, gx: number, gy: number, nX: number, nY: number): number {
  let sigma = 0;
  for (let bx = 0; bx <= 2 * nX; bx++) {
    for (let by = 0; by <= 2 * nY; by++) {
      const xLow = gx + bx > nX ? Math.max((gx + bx - nX) * g.xBinNum + g.xMin, g.xMin) : g.xMin;
      const xHi = Math.min(xLow + g.xBinNum, g.xMax);
      const yLow = gy + by > nY ? Math.max((gy + by - nY) * g.yBinNum + g.yMin, g.yMin) : g.yMin;
      const yHi = Math.min(yLow + g.yBinNum, g.yMax);
      let blockSum = 0;
      for (let x = xLow; x <= xHi; x++) for (let y = yLow; y <= yHi; y++) blockSum += content(h, x, y);
      sigma += (average - blockSum) * (average - blockSum);
    }
  }
  return sigma;
}

export function contentSigma(h: Histogram, p: ContentSigmaParams, t?: Thresholds): TestResult {
  const name = "ContentSigma";
  const bad = checkInput(name, h, ["TH1", "TH2"]);
  if (bad) return bad;
  // The setters ignore negative tolerances and store floats; setNumXblocks/setNumNeighborsX (and Y)
  // ignore 0, keeping the constructor's 1 (CMSSW DQMServices/Core/interface/QTest.h).
  const tolNoisy = p.toleranceNoisy !== undefined && p.toleranceNoisy >= 0 ? Math.fround(p.toleranceNoisy) : undefined;
  const tolDead = p.toleranceDead !== undefined && p.toleranceDead >= 0 ? Math.fround(p.toleranceDead) : undefined;
  if (tolNoisy === undefined && tolDead === undefined) return qtestResult(name, 1, t);
  const atLeastOne = (v: number): number => (v >= 1 ? Math.trunc(v) : 1);
  const g = geometry(h, p, atLeastOne(p.xBlocks), atLeastOne(p.yBlocks));
  let nX = p.neighboursX === 999 ? 0 : atLeastOne(p.neighboursX);
  let nY = p.neighboursY === 999 ? 0 : atLeastOne(p.neighboursY);
  // Neighbourhoods may not wrap onto the tested block.
  if (nX * 2 >= g.nbinsX) nX = g.nbinsX % 2 === 0 ? g.nbinsX / 2 - 1 : (g.nbinsX - 1) / 2;
  if (nY * 2 >= g.nbinsY) nY = g.nbinsY % 2 === 0 ? g.nbinsY / 2 - 1 : (g.nbinsY - 1) / 2;
  const thresholdNoisy = normalSf(tolNoisy ?? 0);
  const thresholdDead = normalSf(tolDead ?? 0);
  let fail = 0;
  for (let gx = 0; gx < g.xBlocks; gx++) {
    for (let gy = 0; gy < g.yBlocks; gy++) {
      let blockSum = 0;
      for (let bx = 0; bx < g.xBinNum; bx++) {
        for (let by = 0; by < g.yBinNum; by++) {
          const x = gx * g.xBinNum + g.xMin + bx;
          const y = gy * g.yBinNum + g.yMin + by;
          if (x <= g.xMax && y <= g.yMax) blockSum += Math.abs(content(h, x, y));
        }
      }
      const sum = neighbourSum(h, g, gx, gy, nX, nY) - blockSum;
      const xWidth = nX > gx ? nX + gx + 1 : nX > g.xBlocks - (gx + 1) ? g.xBlocks - gx + nX : 2 * nX + 1;
      const yWidth = nY > gy ? nY + gy + 1 : nY > g.yBlocks - (gy + 1) ? g.yBlocks - gy + nY : 2 * nY + 1;
      const cells = xWidth * yWidth;
      const average = sum / (cells - 1);
      let sigma = neighbourSigma(h, g, average, gx, gy, nX, nY);
      sigma -= (average - blockSum) * (average - blockSum);
      // (cells − 2) is unsigned in CMSSW: it wraps for a one-cell neighbourhood.
      const sigmaMean = Math.sqrt(sigma) / Math.sqrt((cells - 2) >>> 0) / (cells - 1);
      const avgUncertainty = 3 * sigmaMean;
      const probNoisy = poissonCdfC(toUnsigned(blockSum - 1), average + avgUncertainty);
      const probDead = poissonCdf(toUnsigned(blockSum), average - avgUncertainty);
      let failed = false;
      if (average !== 0) {
        if (p.noisy && p.dead) failed = blockSum > average ? probNoisy < thresholdNoisy : probDead < thresholdDead;
        else if (p.noisy) failed = blockSum > average && probNoisy < thresholdNoisy;
        else if (p.dead) failed = blockSum < average && probDead < thresholdDead;
      }
      if (failed) fail++;
    }
  }
  return qtestResult(name, (g.xBlocks * g.yBlocks - fail) / (g.xBlocks * g.yBlocks), t);
}
