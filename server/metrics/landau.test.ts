import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { landau, landauDensity } from "./landau";
import { maximumOf } from "./fits/maximum";

const points = JSON.parse(readFileSync(new URL("./vectors/landau-density.json", import.meta.url), "utf8")) as { v: number; phi: number }[];

describe("TMath::Landau (CERNLIB DENLAN)", () => {
  it.each(points.map((p) => [p.v, p.phi] as const))("φ(%d) matches the exact density from scipy", (v, phi) => {
    // DENLAN is a rational approximation: ~1e-6 relative in the core, looser deep in the tails.
    expect(Math.abs(landauDensity(v) - phi)).toBeLessThanOrEqual(2e-6 * phi + 1e-12);
  });

  it("peaks at v ≈ −0.22278 (the shift langaus.C corrects for)", () => {
    expect(maximumOf(landauDensity, -2, 2)).toBeCloseTo(-0.22278298, 4);
  });

  it("scales with σ and normalises on request", () => {
    expect(landau(13, 10, 2)).toBeCloseTo(landauDensity(1.5), 14);
    expect(landau(13, 10, 2, true)).toBeCloseTo(landauDensity(1.5) / 2, 14);
    expect(landau(1, 0, 0)).toBe(0);
  });
});
