/**
 * `dqmflow compare --pairs FILE.jsonl`: many pairs in one process. The file is read once into
 * shared memory and indexed by line here; the pool's workers parse their slices straight into
 * the batch's shared memory, run the kernel (χ² UU and KS) and format their JSON lines, which are
 * written in input order.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { allocateBatch, allocateResults } from "../batch/batch-layout";
import { createComparePool, type ComparePool } from "../batch/batch-pool";
import type { JsonlSlice, PairsTest } from "../batch/jsonl-pairs";
import type { Thresholds } from "../status";

export interface PairsRequest {
  readonly file: string;
  readonly test: PairsTest;
  readonly thresholds: Thresholds;
  /** Output file; stdout when absent. */
  readonly out?: string;
  readonly threads?: number;
  /** A pool already started (the benchmark reuses one); else one is started and closed here. */
  readonly pool?: ComparePool;
}

export interface PairsSummary {
  readonly pairs: number;
  readonly invalidLines: number;
}

export class PairsFileError extends Error {
  override readonly name = "PairsFileError";
}

function readShared(file: string): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Start and end of every non-blank line, with its 1-based line number. */
function indexLines(bytes: Uint8Array): { start: Float64Array; end: Float64Array; lineNo: Int32Array; count: number } {
  const starts: number[] = [];
  const ends: number[] = [];
  const nos: number[] = [];
  let pos = 0;
  let no = 0;
  while (pos < bytes.length) {
    let nl = bytes.indexOf(10, pos);
    if (nl < 0) nl = bytes.length;
    no++;
    let e = nl;
    if (e > pos && bytes[e - 1] === 13) e--;
    let s = pos;
    while (s < e && (bytes[s] === 32 || bytes[s] === 9)) s++;
    if (s < e) {
      starts.push(s);
      ends.push(e);
      nos.push(no);
    }
    pos = nl + 1;
  }
  const shared = (a: number[]): Float64Array => {
    const f = new Float64Array(new SharedArrayBuffer(a.length * 8));
    f.set(a);
    return f;
  };
  const lineNo = new Int32Array(new SharedArrayBuffer(nos.length * 4));
  lineNo.set(nos);
  return { start: shared(starts), end: shared(ends), lineNo, count: starts.length };
}

/** The bin count every line must have: the first line's data length. */
function firstLineBins(bytes: Uint8Array, s: number, e: number, file: string): number {
  let o: { data?: unknown; ref?: unknown };
  try {
    o = JSON.parse(new TextDecoder().decode(bytes.subarray(s, e))) as typeof o;
  } catch (err) {
    throw new PairsFileError(`${file}: the first line is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!Array.isArray(o.data) || !Array.isArray(o.ref) || o.data.length === 0 || o.data.length !== o.ref.length) {
    throw new PairsFileError(`${file}: each line must be {"id": …, "data": [bin contents], "ref": [bin contents]} with data and ref of the same, non-zero length`);
  }
  return o.data.length;
}

export async function comparePairsFile(req: PairsRequest): Promise<PairsSummary> {
  const bytes = readShared(req.file);
  const lines = indexLines(bytes);
  const fd = req.out ? openSync(req.out, "w") : undefined;
  try {
    if (lines.count === 0) return { pairs: 0, invalidLines: 0 };
    const nbins = firstLineBins(bytes, lines.start[0]!, lines.end[0]!, req.file);
    const batch = allocateBatch(lines.count, nbins);
    const out = allocateResults(lines.count);
    const pool = req.pool ?? createComparePool(req.threads);
    try {
      const slices = Math.min(lines.count, pool.threads * 8);
      const size = Math.ceil(lines.count / slices);
      const pending: Promise<JsonlSlice>[] = [];
      for (let start = 0; start < lines.count; start += size) {
        pending.push(pool.jsonlSlice({ bytes, lineStart: lines.start, lineEnd: lines.end, lineNo: lines.lineNo, batch, out, start, end: Math.min(lines.count, start + size), test: req.test, thresholds: req.thresholds }));
      }
      let invalidLines = 0;
      // Written in input order as each slice (and those before it) completes.
      for (const p of pending) {
        const slice = await p;
        invalidLines += slice.invalidLines;
        if (fd !== undefined) writeSync(fd, slice.text);
        else if (!process.stdout.write(slice.text)) await new Promise((resolve) => process.stdout.once("drain", resolve));
      }
      return { pairs: lines.count, invalidLines };
    } finally {
      if (!req.pool) await pool.close();
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
