import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { poisson, seededRng } from "../math/rng";
import { statusFromScore } from "../status";
import { compareRange } from "./batch-kernel";
import { allocateBatch, allocateResults } from "./batch-layout";
import { LINE_RECORD, READ_HERE, READ_IN_JS, TEXT_BASE, textMemory, textModule } from "./batch-text";
import { runJsonlChunk, type PairsTest } from "./jsonl-pairs";
import { compileKernelWat, TEXT_WASM, TEXT_WAT } from "./kernel-source";
import { checkNumberPrinter, EDGE_CASES } from "./number-printer-check";

/** The text module on a fresh memory holding `text` at TEXT_BASE, with room after it. */
function loaded(text: string, room: number) {
  const bytes = Buffer.from(text, "utf8");
  const memory = textMemory(TEXT_BASE + bytes.length + 1 + room);
  const u8 = new Uint8Array(memory.buffer);
  u8.set(bytes, TEXT_BASE);
  u8[TEXT_BASE + bytes.length] = 10;
  return { module: textModule(memory), memory, length: bytes.length, after: Math.ceil((TEXT_BASE + bytes.length + 1) / 8) * 8 };
}

/** What the JavaScript-only batch mode printed per pair (String(x) for every number). */
function referenceLines(lines: string[], n: number, test: PairsTest): { out: string[]; errors: [number, string][] } {
  const thresholds = { error: 0.5, warning: 0.9 };
  const rows = lines.map((l) => l.trim()).filter(Boolean);
  const batch = allocateBatch(rows.length, n);
  const ids: string[] = [];
  const errors: [number, string][] = [];
  rows.forEach((row, p) => {
    let o: Record<string, unknown> | undefined;
    try {
      const v = JSON.parse(row) as unknown;
      if (typeof v === "object" && v !== null && !Array.isArray(v)) o = v as Record<string, unknown>;
    } catch {
      /* an error line */
    }
    ids.push(JSON.stringify(o?.id ?? null));
    const ok = o && [o.data, o.ref].every((a) => Array.isArray(a) && a.length === n && a.every((x) => typeof x === "number"));
    if (!o || !ok) {
      errors.push([p, ids[p]!]);
      batch.data.fill(Number.NaN, p * n, (p + 1) * n);
      return;
    }
    batch.data.set(o.data as number[], p * n);
    batch.ref.set(o.ref as number[], p * n);
  });
  const r = allocateResults(rows.length);
  compareRange(batch, r, 0, rows.length);
  const num = (x: number): string => (Number.isFinite(x) ? String(x) : "null");
  const failed: Record<number, string> = { 60: "INVALID", 70: "INSUF_STAT" };
  const out: string[] = [];
  rows.forEach((_, p) => {
    if (errors.some(([e]) => e === p)) return;
    const f = failed[r.status[p]!];
    const chi2 = `"chi2":${num(r.chi2[p]!)},"ndf":${num(r.ndf[p]!)},"chi2PValue":${num(r.chi2PValue[p]!)},"igood":${r.igood[p]!},"chi2Status":"${f ?? statusFromScore(r.chi2PValue[p]!, thresholds)}"`;
    const ks = `"ksDistance":${num(r.ksDistance[p]!)},"ksPValue":${num(r.ksPValue[p]!)},"ksStatus":"${f ?? statusFromScore(r.ksPValue[p]!, thresholds)}"`;
    out.push(`{"id":${ids[p]!},${test === "chi2" ? chi2 : test === "kolmogorov" ? ks : `${chi2},${ks}`}}\n`);
  });
  return { out, errors };
}

describe("batch text module (batch-text.wat)", () => {
  it("prints doubles byte for byte as String(x) over 300,000 draws of seven distributions and the edge cases", () => {
    const r = checkNumberPrinter(300_000, 7);
    expect(r.mismatches).toEqual([]);
    expect(r.checked).toBe(300_000 + EDGE_CASES.length);
  });

  it("holds Schubfach's table g as BigInt computes it", () => {
    const { memory } = loaded("", 0);
    const view = new DataView(memory.buffer);
    for (let k = -324; k <= 292; k++) {
      const r = Number((BigInt(-k) * 913124641741n) >> 38n) - 125;
      const beta = -k >= 0 ? (r >= 0 ? 10n ** BigInt(-k) >> BigInt(r) : 10n ** BigInt(-k) << BigInt(-r)) : (1n << BigInt(-r)) / 10n ** BigInt(k);
      expect(beta >= 1n << 125n && beta < 1n << 126n).toBe(true);
      const g = beta + 1n;
      const at = 2048 + (k + 324) * 16;
      expect([view.getBigUint64(at, true), view.getBigUint64(at + 8, true)]).toEqual([g >> 63n, g & ((1n << 63n) - 1n)]);
    }
  });

  it("runs the committed binary, which is the compilation of the committed source", async () => {
    const compiled = await compileKernelWat(readFileSync(TEXT_WAT, "utf8"), "batch-text.wat");
    expect(Buffer.compare(Buffer.from(compiled), readFileSync(TEXT_WASM))).toBe(0);
  });

  it("reads numbers bit for bit as JSON.parse: plain ones in WebAssembly, the rest left to JavaScript", () => {
    const rng = seededRng(5);
    const plain = ["0", "-0", "-0.0", "0.0", "1", "-1", "7", "10", "0.1", "0.5", "-2.25", "123.456", "0.000001", "1.7976931348", "999999999999999", "-999999999999999", "0.123456789012345", "12345.6789012345", "4.35", "0.3", "100.10", "5e0".slice(0, 1)];
    const odd = ["1e5", "1E-3", "-2.5e+2", "1234567890123456", "0.1234567890123456", "9007199254740993", "12345678901234567890", "1.0000000000000001"];
    const random = (): string => {
      const digits = 1 + Math.floor(rng.next() * 15);
      let s = String(1 + Math.floor(rng.next() * 9));
      for (let i = 1; i < digits; i++) s += String(Math.floor(rng.next() * 10));
      const point = Math.floor(rng.next() * (digits + 1));
      const text = point === 0 ? `0.${"0".repeat(Math.floor(rng.next() * 3))}${s}` : point === digits ? s : `${s.slice(0, point)}.${s.slice(point)}`;
      return rng.next() < 0.3 ? `-${text}` : text;
    };
    const n = 6;
    const lines: string[] = [];
    const expectHere: boolean[] = [];
    for (let p = 0; p < 3000; p++) {
      const pick = (): string => (p % 3 === 0 ? plain[Math.floor(rng.next() * plain.length)]! : random());
      const d = Array.from({ length: n }, pick);
      const r = Array.from({ length: n }, pick);
      const withOdd = p % 10 === 9;
      if (withOdd) d[p % n] = odd[p % odd.length]!;
      // At most 15 digit characters (leading zeros included) and no exponent: read in WebAssembly.
      expectHere.push(!withOdd && [...d, ...r].every((x) => x.replace(/[-.]/g, "").length <= 15));
      lines.push(p % 2 ? `{"id":${p},"data":[${d.join(",")}],"ref":[${r.join(", ")}]}` : ` { "ref" : [ ${r.join(" , ")} ] , "data":[${d.join(",")}] , "id" : "p${p}" }\r`);
    }
    const { module, memory, length, after } = loaded(lines.join("\n"), 3000 * (2 * n * 8 + LINE_RECORD));
    const data = after;
    const ref = data + 3000 * n * 8;
    const table = ref + 3000 * n * 8;
    expect(module.parse(TEXT_BASE, length, n, data, ref, table)).toBe(3000);
    const records = new Int32Array(memory.buffer, table, 3000 * 8);
    const d = new Float64Array(memory.buffer, data, 3000 * n);
    const r = new Float64Array(memory.buffer, ref, 3000 * n);
    let here = 0;
    lines.forEach((line, p) => {
      const flag = records[p * 8 + 3];
      expect(flag === READ_HERE).toBe(expectHere[p]);
      if (flag !== READ_HERE) return;
      here++;
      const o = JSON.parse(line) as { data: number[]; ref: number[] };
      for (let i = 0; i < n; i++) {
        expect(Object.is(d[p * n + i], o.data[i]), `${line}: data[${i}]`).toBe(true);
        expect(Object.is(r[p * n + i], o.ref[i]), `${line}: ref[${i}]`).toBe(true);
      }
    });
    expect(here).toBeGreaterThan(2000);
  });

  it("reads arrays of short integers several per block, at every alignment, as JSON.parse does", () => {
    const rng = seededRng(16);
    const integer = (digits: number): string => (digits === 1 ? String(Math.floor(rng.next() * 10)) : String(1 + Math.floor(rng.next() * 9)) + Array.from({ length: digits - 1 }, () => String(Math.floor(rng.next() * 10))).join(""));
    const arrays: string[] = [];
    for (let a = 0; a < 2000; a++) {
      const n = 1 + Math.floor(rng.next() * 40);
      // 1 to 7 digits in any mix; some arrays only one length, so every run length meets every boundary.
      const only = a % 4 === 0 ? 1 + (a % 7) : 0;
      arrays.push(`[${Array.from({ length: n }, () => integer(only || 1 + Math.floor(rng.next() * 7))).join(",")}]`);
    }
    arrays.push("[0]", "[0,0,0]", "[10,100,1000,10000,100000,1000000,9999999]", "[1,22,333,4444,55555,666666,7777777,1]");
    // Each array after 0..15 filler bytes, so that numbers straddle 16-byte lines at every offset (and,
    // with the mix of lengths, the boundary between a block's two vectors).
    const pieces = arrays.map((x, a) => `${"x".repeat(a % 16)}${x}`);
    const { module, memory, length, after } = loaded(pieces.join("\n"), 200 * 8);
    expect(length).toBeGreaterThan(0);
    let at = TEXT_BASE;
    pieces.forEach((piece, a) => {
      const expected = JSON.parse(arrays[a]!) as number[];
      const start = at + (a % 16);
      const next = module.integers(start, expected.length, after);
      expect(next, arrays[a]).toBe(start + arrays[a]!.length);
      const got = Array.from(new Float64Array(memory.buffer, after, expected.length));
      expect(got.every((x, i) => Object.is(x, expected[i])), arrays[a]).toBe(true);
      // One number more or fewer than the array holds: not read.
      expect(module.integers(start, expected.length + 1, after), arrays[a]).toBe(0);
      if (expected.length > 1) {
        // Nothing written past the n numbers it was asked for.
        const past = new Float64Array(memory.buffer, after + (expected.length - 1) * 8, 8).fill(-1);
        expect(module.integers(start, expected.length - 1, after), arrays[a]).toBe(0);
        expect(Array.from(past), arrays[a]).toEqual(Array<number>(8).fill(-1));
      }
      at += Buffer.byteLength(piece) + 1;
    });
  });

  it("leaves to the general reader every array that is not bare short integers, wherever the odd byte falls", () => {
    const refused = ["[]", "[1,,2]", "[,1]", "[1,2,]", "[1, 2]", "[ 1,2]", "[1,2 ]", "[01,2]", "[1,02]", "[00]", "[1,2,3,4,5,6,7,0123]", "[12345678]", "[1,123456789012]", "[1234567890123456789]", "[-1,2]", "[1,-2]", "[1.5,2]", "[1,2.0]", "[1e3,2]", "[1,2", "[1,2\n", "[1,2}", "[1,2,3,4,5,6,7,8,9,10,11,12,13"];
    for (const shift of [0, 1, 5, 9, 13, 14, 15]) {
      for (const text of refused) {
        const n = text.split(",").length;
        // Padding moves the odd byte across the 16-byte blocks; the array ends the buffer (the '\n' after it is the caller's).
        const { module, after } = loaded(`${"x".repeat(shift)}${text}`, 64 * 8);
        expect(module.integers(TEXT_BASE + shift, n, after), `${shift}: ${text}`).toBe(0);
      }
    }
    // The odd number after 0 to 40 plain ones, so that it falls at every byte of a 32-byte block and
    // across the two vectors in it; the array with a plain number there instead is read.
    for (const odd of ["01", "00", "-1", "1.5", " 1", "1 ", "12345678", "1e2", ""]) {
      for (let before = 0; before <= 40; before++) {
        const prefix = Array.from({ length: before }, (_, k) => String((k * 37) % 1000)).join(",") + (before ? "," : "");
        const bad = `[${prefix}${odd},7]`;
        const refusing = loaded(bad, 64 * 8);
        expect(refusing.module.integers(TEXT_BASE, before + 2, refusing.after), bad).toBe(0);
        const good = `[${prefix}10,7]`;
        const { module, memory, after } = loaded(good, 64 * 8);
        expect(module.integers(TEXT_BASE, before + 2, after), good).toBe(TEXT_BASE + good.length);
        expect(Array.from(new Float64Array(memory.buffer, after, before + 2)), good).toEqual(JSON.parse(good));
      }
    }
    // The same numbers read when well formed, also when the array is the last thing in the buffer.
    for (const shift of [0, 3, 8, 14, 15]) {
      const text = "[1,2,3,4,5,6,7,1234567,0,89]";
      const { module, memory, after } = loaded(`${"x".repeat(shift)}${text}`, 64 * 8);
      expect(module.integers(TEXT_BASE + shift, 10, after)).toBe(TEXT_BASE + shift + text.length);
      expect(Array.from(new Float64Array(memory.buffer, after, 10))).toEqual([1, 2, 3, 4, 5, 6, 7, 1234567, 0, 89]);
    }
  });

  it("reads whole lines of integers in WebAssembly, lines cut short left to JavaScript", () => {
    const lines = ['{"id":"a","data":[1,22,333],"ref":[4444,55555,666666]}', '{"id":"b","data":[7777777,0,10],"ref":[9,99,999]}', '{"id":"c","data":[1,2,3],"ref":[4,5,'];
    const { module, memory, length, after } = loaded(lines.join("\n"), 3 * (2 * 3 * 8 + LINE_RECORD));
    expect(module.parse(TEXT_BASE, length, 3, after, after + 72, after + 144)).toBe(3);
    expect(Array.from(new Int32Array(memory.buffer, after + 144, 24)).filter((_, i) => i % 8 === 3)).toEqual([READ_HERE, READ_HERE, READ_IN_JS]);
    expect(Array.from(new Float64Array(memory.buffer, after, 6))).toEqual([1, 22, 333, 7777777, 0, 10]);
    expect(Array.from(new Float64Array(memory.buffer, after + 72, 6))).toEqual([4444, 55555, 666666, 9, 99, 999]);
  });

  it("marks for JavaScript every line it cannot read exactly, and skips blank ones", () => {
    const lines = [
      '{"id":1,"data":[1,2],"ref":[3,4]}',
      "",
      "   \t",
      '{"id":"a\\"b","data":[1,2],"ref":[3,4]}',
      '{"id":null,"data":[1,2],"ref":[3,4]}',
      '{"data":[1,2],"ref":[3,4],"extra":true}',
      '{"data":[1,2],"ref":[3,4],"data":[5,6]}',
      '{"data":[1,02],"ref":[3,4]}',
      '{"data":[1,2,3],"ref":[3,4]}',
      '{"data":[1,2],"ref":[3,4]',
      '{"data":[1,2],"ref":[3,4]} x',
      '{"data":[1.,2],"ref":[3,4]}',
      '{"data":[-,2],"ref":[3,4]}',
      '{"data":[1\t,2],"ref":[3,4]}',
      "[]",
      '{"data":[1,2]}',
      '{"id":-3,"data":[1,2],"ref":[3,4]}',
    ];
    const { module, memory, length, after } = loaded(lines.join("\n"), 64 * 100);
    const count = module.parse(TEXT_BASE, length, 2, after, after + 1600, after + 3200);
    expect(count).toBe(lines.length - 2);
    expect(module.lines()).toBe(lines.length);
    const records = Array.from({ length: count }, (_, p) => Array.from(new Int32Array(memory.buffer, after + 3200 + p * LINE_RECORD, 8)));
    expect(records.map((r) => r[3])).toEqual([READ_HERE, ...Array<number>(count - 2).fill(READ_IN_JS), READ_HERE]);
    expect(records.map((r) => r[2])).toEqual([0, ...Array.from({ length: count - 1 }, (_, i) => i + 3)]);
    const raw = (r: number[]): string => Buffer.from(memory.buffer, r[4], r[5]! - r[4]!).toString();
    expect([raw(records[0]!), raw(records[count - 1]!)]).toEqual(["1", "-3"]);
  });

  for (const test of ["both", "chi2", "kolmogorov"] as const) {
    it(`writes the same bytes as the JavaScript-only batch mode (test ${test}), error lines included`, () => {
      const rng = seededRng(test.length);
      const n = 20;
      const lines: string[] = [];
      for (let p = 0; p < 600; p++) {
        const d = Array.from({ length: n }, (_, i) => poisson(5 + i, rng) + (p % 5 === 1 ? 0.125 * (i % 3) : 0));
        const r = Array.from({ length: n }, (_, i) => poisson(8 + i, rng));
        if (p % 37 === 3) d.fill(0);
        if (p % 41 === 4) r[3] = 1e308;
        if (p % 43 === 5) d[2] = -1.5;
        const kind = p % 9;
        if (kind === 0) lines.push(`{"id":"pair-${p}","data":[${d.join(",")}],"ref":[${r.join(",")}]}`);
        else if (kind === 1) lines.push(`{"id":${p},"data":[${d.map((x) => x.toExponential()).join(",")}],"ref":[${r.join(",")}]}`);
        else if (kind === 2) lines.push(`{"id":"é-${p}","ref":[${r.join(", ")}],"data":[${d.join(", ")}]}`);
        else if (kind === 3) lines.push(`{"id":{"run":${p},"ls":[1,2]},"data":[${d.join(",")}],"ref":[${r.join(",")}]}`);
        else if (kind === 4) lines.push(p % 4 ? `{"data":[${d.join(",")}],"ref":[${r.join(",")}]}` : `{"id":"short","data":[${d.slice(1).join(",")}],"ref":[${r.join(",")}]}`);
        else if (kind === 5) lines.push(p % 2 ? "" : `{"id":"q\\"${p}","data":[${d.join(",")}],"ref":[${r.join(",")}]}`);
        else if (kind === 6) lines.push(p % 4 ? `{"id":null,"data":[${d.join(",")}],"ref":[${r.join(",")}]}` : "not json");
        else lines.push(`{"id":"pair-${p}","data":[${d.join(",")}],"ref":[${r.join(",")}]}`);
      }
      const dir = mkdtempSync(join(tmpdir(), "dqmflow-text-"));
      const file = join(dir, "pairs.jsonl");
      writeFileSync(file, lines.join("\n"));
      const chunk = runJsonlChunk({ kind: "jsonl", file, start: 0, end: statSync(file).size, nbins: n, test, thresholds: { error: 0.5, warning: 0.9 } });
      const expected = referenceLines(lines, n, test);
      expect(chunk.errors.map((e) => [e.line, e.id])).toEqual(expected.errors);
      expect(chunk.errors.length).toBeGreaterThan(10);
      expect(chunk.parts).toHaveLength(expected.errors.length + 1);
      expect(Buffer.concat(chunk.parts).toString("utf8")).toBe(expected.out.join(""));
      const statuses = new Set(expected.out.map((l) => /"(?:chi2|ks)Status":"(\w+)"/.exec(l)?.[1]));
      expect([...statuses].sort()).toEqual(["ERROR", "INSUF_STAT", "INVALID", "OK", "WARNING"].filter((s) => statuses.has(s)).sort());
      expect(statuses.has("INSUF_STAT") && statuses.has("INVALID")).toBe(true);
    });
  }
});
