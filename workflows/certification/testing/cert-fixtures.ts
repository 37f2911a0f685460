/**
 * Certification test fixtures with no worker behind them (so browser tests can use them too):
 * the two monitor elements, histograms that agree or disagree with a reference, and a
 * configuration with short deadlines.
 */
import type { Db } from "../../../db/pool";
import { type CertificationConfig, certificationConfigSchema } from "../../../server/certification/certification-config";
import { decodeHistogram } from "../../../server/ingest/histogram-codec";
import { ingestGeneratedHistograms } from "../../../server/ingest/ingest-histograms";

export const PIXEL_ME = "PixelPhase1/Tracks/charge";
export const DT_ME = "DT/Segments/chi2";

/** A 10-bin TH1 payload; `shape` "flat" or "peak" (a reference comparison of the two fails). */
export function th1(shape: "flat" | "peak", scale = 1000) {
  const contents = [0, ...Array.from({ length: 10 }, (_, i) => (shape === "flat" ? scale : i === 4 ? scale * 10 : scale / 10)), 0];
  return { kind: "TH1", name: "h", title: "", x: { nbins: 10, min: 0, max: 10 }, contents, entries: contents.reduce((a, b) => a + b, 0) };
}

export function testConfig(referenceRun: number, overrides: Partial<CertificationConfig> = {}): CertificationConfig {
  return certificationConfigSchema.parse({
    components: ["tracker-pixel", "dt-dt"],
    monitorElements: [PIXEL_ME, DT_ME],
    comparisons: { version: 1, tests: [{ name: "shape", match: ["**"], test: "chi2" }] },
    autoFlagRules: [
      { name: "pixel-shape", component: "tracker-pixel", match: ["PixelPhase1/**"] },
      { name: "dt-shape", component: "dt-dt", match: ["DT/**"] },
    ],
    references: { Collisions: referenceRun },
    deadlines: { reminderMs: 60_000, escalationMs: 120_000 },
    calibration: { workflows: ["BeamSpot", "SiStripGains"], timeoutMs: 60_000 },
    dataPollMs: 300,
    promptRecoEndpoint: null,
    activity: { startToCloseMs: 10_000, initialRetryMs: 100, maximumAttempts: 5 },
    autoSignoff: false,
    reprocessingIdleMs: 1_000,
    ...overrides,
  });
}

/** Stores the histograms of (run, dataset) through ingest's write path (payloads as `th1` makes them). */
export async function storeHistograms(db: Db, run: number, dataset: string, payloads: Record<string, unknown>): Promise<void> {
  await ingestGeneratedHistograms(db, run, dataset, new Map(Object.entries(payloads).map(([me, p]) => [me, decodeHistogram(p)])));
}
