/**
 * Checks batch-text.wat's number printer against ECMAScript's own: prints doubles drawn from
 * several distributions (uniform [0, 1), p-values 1e-300 … 1e-5, χ² values 0 … 1e4, random bit
 * patterns, subnormals, integers up to 2^53, powers of 10 and 2) plus edge cases, and compares each
 * with String(x) (null for non-finite). The unit tests run a few hundred thousand; run it alone
 * for more:
 *
 *     node --import tsx server/compare/batch/number-printer-check.ts 10000000 [seed]
 */
import { fileURLToPath } from "node:url";
import { seededRng } from "../math/rng";
import { TEXT_BASE, textMemory, textModule } from "./batch-text";

export const EDGE_CASES: readonly number[] = [
  0, -0, 1, -1, 0.1, 0.2, 0.3, 0.1 + 0.2, 1.5, 100, 1e20, 1e21, 1e22, 1.2345678901234568e20, 1e-6, 1e-7, 0.000001, 0.0000012345, 1.2345e-7,
  5e-324, -5e-324, 1e-323, 1.5e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, -1.7976931348623157e308,
  2 ** 53, 2 ** 53 - 1, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 2 ** 53 + 1, 1e15, 1e16, 1e17, 4.35, 0.5, 2 ** -1022, 2 ** -1023, 2 ** -1074,
  Number.EPSILON, Number.MAX_SAFE_INTEGER, 1 / 3, 2 / 3, Math.PI, Math.E, 299792458, 6.02214076e23, 1.602176634e-19, NaN, Infinity, -Infinity,
];

export interface PrinterCheck {
  readonly checked: number;
  readonly mismatches: { x: number; expected: string; got: string }[];
}

/** `count` random doubles (in equal shares of seven distributions) and the edge cases. */
export function checkNumberPrinter(count: number, seed = 1): PrinterCheck {
  const memory = textMemory(TEXT_BASE + 64);
  const text = textModule(memory);
  const u8 = new Uint8Array(memory.buffer);
  const rng = seededRng(seed);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const u32 = (): number => Math.floor(rng.next() * 2 ** 32) >>> 0;
  // 53 random bits in [0, 1).
  const uniform = (): number => (Math.floor(rng.next() * 2 ** 26) * 2 ** 27 + Math.floor(rng.next() * 2 ** 27)) / 2 ** 53;
  const draws: (() => number)[] = [
    uniform,
    () => 10 ** (-300 + 295 * uniform()) * (1 + uniform()),
    () => 1e4 * uniform(),
    () => {
      words[0] = u32();
      words[1] = u32();
      return bits[0]!;
    },
    () => {
      words[0] = u32();
      words[1] = (u32() & 0x800fffff) >>> 0;
      return bits[0]!;
    },
    () => Math.floor(uniform() * 2 ** 53) * (rng.next() < 0.5 ? 1 : -1),
    () => (rng.next() < 0.5 ? 10 : 2) ** Math.floor(-1100 + 2130 * rng.next()),
  ];
  const mismatches: PrinterCheck["mismatches"] = [];
  let checked = 0;
  const check = (x: number): void => {
    const end = text.number(x, TEXT_BASE);
    let got = "";
    for (let i = TEXT_BASE; i < end; i++) got += String.fromCharCode(u8[i]!);
    const expected = Number.isFinite(x) ? String(x) : "null";
    if (got !== expected && mismatches.length < 20) mismatches.push({ x, expected, got });
    checked++;
  };
  for (const x of EDGE_CASES) check(x);
  for (let i = 0; i < count; i++) check(draws[i % draws.length]!());
  return { checked, mismatches };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = Number(process.argv[2] ?? 10_000_000);
  const seed = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(count) || count < 0) throw new Error(`the count must be a whole number of doubles, not '${process.argv[2]}'`);
  const t0 = performance.now();
  const r = checkNumberPrinter(count, seed);
  console.log(`${r.checked.toLocaleString("en-US")} doubles (seed ${seed}) printed by batch-text.wat and by String(x): ${r.mismatches.length === 0 ? "all identical" : `${r.mismatches.length}+ differ`} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  for (const m of r.mismatches) console.log(`  ${m.expected} printed as ${m.got}`);
  process.exit(r.mismatches.length === 0 ? 0 : 1);
}
