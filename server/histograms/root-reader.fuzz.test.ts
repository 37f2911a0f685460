/**
 * The ROOT reader fed damaged files: real DQM files (the committed fixture and CMS's own in
 * ../shared/data/realdqm) truncated, bit-flipped, or with 4 bytes overwritten by huge values
 * (record lengths, object counts, array sizes). Opening, listing and reading must answer the
 * histogram or a typed error, within a time and memory bound — never hang, crash or allocate
 * what a corrupt length asks for.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDqmRootFile } from "./dqm-root-file";
import { CorruptRootFileError, HistogramFormatError, MonitorElementNotFoundError, NotDqmFileError } from "./errors";

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = [
  path.join(here, "fixtures", "DQM_V0001_R000306134__ZeroBias__Run2017E-09Aug2019_UL2017-v1__DQMIO.root"),
  path.join(here, "../../../shared/data/realdqm/ZeroBias-Run2023C-PromptReco-v1-DQMIO-PixelPhase1-Tracks-PXBarrel-charge_PXLayer_1.root"),
  path.join(here, "../../../shared/data/realdqm/DQMServices-Examples_python_test_ref.root"),
];
const TYPED = [CorruptRootFileError, NotDqmFileError, HistogramFormatError, MonitorElementNotFoundError];
const READ_MS = 5_000;
const MEMORY_BOUND = 256 * 1024 * 1024;
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

let dir = "";
const originals: Buffer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dqmflow-root-fuzz-"));
  for (const s of SOURCES) originals.push(await readFile(s));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Damage = { kind: "truncate"; at: number } | { kind: "flip"; at: number; bit: number } | { kind: "huge"; at: number; value: number };

function damaged(original: Buffer, d: Damage): Buffer {
  const at = Math.floor(d.at * original.length);
  if (d.kind === "truncate") return original.subarray(0, at);
  const b = Buffer.from(original);
  if (d.kind === "flip") b[at] = (b[at] ?? 0) ^ (1 << d.bit);
  else if (at + 4 <= b.length) b.writeUInt32BE(d.value, at);
  return b;
}

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.double({ min: 0, max: 0.999, noNaN: true }), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("huge" as const), at: fc.double({ min: 0, max: 0.999, noNaN: true }), value: fc.constantFrom(0x7fffffff, 0xffffffff, 0x40000000, 0x00ffffff, 0x80000000) }),
);

/** Opens, lists and reads up to 3 MEs; returns what went wrong, or null when all of it was read. */
async function readAll(file: string): Promise<unknown> {
  try {
    const f = await openDqmRootFile(file);
    const mes = await f.list();
    await f.qualityReports();
    for (const me of mes.slice(0, 3)) await f.read(me.mePath);
    return null;
  } catch (err) {
    return err;
  }
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe("the ROOT reader on damaged files", () => {
  it("reads the undamaged sources", async () => {
    for (const [i, s] of SOURCES.entries()) {
      const err = await readAll(s);
      if (i === 0) expect(err).toBeNull();
      else expect(err === null || TYPED.some((T) => err instanceof T)).toBe(true);
    }
  });

  it.each(SOURCES.map((s, i) => [path.basename(s), i] as const))("%s: a typed error or the data, in bounded time and memory", async (_name, i) => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        const file = path.join(dir, `${i}-${n++}.root`);
        await writeFile(file, damaged(originals[i]!, d));
        const before = memory();
        let peak = before;
        const watch = setInterval(() => (peak = Math.max(peak, memory())), 5);
        const t0 = performance.now();
        const err = await Promise.race([readAll(file), new Promise((resolve) => setTimeout(() => resolve(new Error("hang: no answer within the bound")), READ_MS * 2))]);
        clearInterval(watch);
        const ms = performance.now() - t0;
        await rm(file);
        expect(err === null || TYPED.some((T) => err instanceof T), `${JSON.stringify(d)}: ${String(err)}`).toBe(true);
        expect(ms).toBeLessThan(READ_MS);
        expect(peak - before).toBeLessThan(MEMORY_BOUND);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);
});
