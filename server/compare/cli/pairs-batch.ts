/**
 * `dqmflow compare --pairs FILE.jsonl`: many pairs in one process. The file is cut into chunks of
 * whole lines here (only the bytes around each cut are read); each of the pool's workers reads
 * its chunk, parses it into a batch, runs the kernel (χ² UU and KS) and formats its JSON lines,
 * which are written in input order.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { createComparePool, type ComparePool } from "../batch/batch-pool";
import { errorLine, type JsonlChunk, type PairsTest } from "../batch/jsonl-pairs";
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
  /** Worker milliseconds per phase, summed over chunks. */
  readonly phases: JsonlChunk["phases"];
}

export class PairsFileError extends Error {
  override readonly name = "PairsFileError";
}

const WINDOW = 1 << 16;

/** The offset just after the first newline at or after `from` (the file's size when there is none). */
function nextLineStart(fd: number, from: number, size: number): number {
  const buf = new Uint8Array(WINDOW);
  for (let at = from; at < size; at += WINDOW) {
    const got = readSync(fd, buf, 0, Math.min(WINDOW, size - at), at);
    const nl = buf.subarray(0, got).indexOf(10);
    if (nl >= 0) return at + nl + 1;
  }
  return size;
}

/** The bin count every line must have: the first non-blank line's data length. */
function firstLineBins(fd: number, size: number, file: string): number {
  let start = 0;
  while (start < size) {
    const end = nextLineStart(fd, start, size);
    const buf = new Uint8Array(end - start);
    readSync(fd, buf, 0, buf.length, start);
    const text = new TextDecoder().decode(buf).trim();
    if (text) {
      let o: { data?: unknown; ref?: unknown };
      try {
        o = JSON.parse(text) as typeof o;
      } catch (err) {
        throw new PairsFileError(`${file}: the first line is not JSON (${err instanceof Error ? err.message : String(err)})`);
      }
      if (!Array.isArray(o.data) || !Array.isArray(o.ref) || o.data.length === 0 || o.data.length !== o.ref.length) {
        throw new PairsFileError(`${file}: each line must be {"id": …, "data": [bin contents], "ref": [bin contents]} with data and ref of the same, non-zero length`);
      }
      return o.data.length;
    }
    start = end;
  }
  return 0;
}

export async function comparePairsFile(req: PairsRequest): Promise<PairsSummary> {
  const fd = openSync(req.file, "r");
  let bounds: number[];
  let nbins: number;
  const threads = req.pool?.threads ?? req.threads ?? availableParallelism();
  try {
    const size = fstatSync(fd).size;
    nbins = firstLineBins(fd, size, req.file);
    if (nbins === 0) return { pairs: 0, invalidLines: 0, phases: { read: 0, index: 0, parse: 0, kernel: 0, format: 0 } };
    // A few chunks per thread keep threads busy when one chunk is slower; at least ~1 MB each.
    const chunks = Math.max(1, Math.min(threads * 4, Math.ceil(size / 1e6)));
    bounds = [0];
    for (let k = 1; k < chunks; k++) {
      const b = nextLineStart(fd, Math.floor((size * k) / chunks), size);
      if (b > bounds[bounds.length - 1]! && b < size) bounds.push(b);
    }
    bounds.push(size);
  } finally {
    closeSync(fd);
  }
  const pool = req.pool ?? createComparePool(threads);
  const outFd = req.out ? openSync(req.out, "w") : undefined;
  const write = async (text: Uint8Array | string): Promise<void> => {
    const bytes = typeof text === "string" ? Buffer.from(text) : text;
    if (outFd !== undefined) writeSync(outFd, bytes);
    else if (!process.stdout.write(bytes)) await new Promise((resolve) => process.stdout.once("drain", resolve));
  };
  try {
    const pending: Promise<JsonlChunk>[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) pending.push(pool.jsonlChunk({ file: req.file, start: bounds[k]!, end: bounds[k + 1]!, nbins, test: req.test, thresholds: req.thresholds }));
    let pairs = 0;
    let invalidLines = 0;
    const phases = { read: 0, index: 0, parse: 0, kernel: 0, format: 0 };
    let firstLineNo = 1;
    // Written in input order as each chunk (and those before it) completes.
    for (const p of pending) {
      const chunk = await p;
      for (let i = 0; i < chunk.parts.length; i++) {
        if (chunk.parts[i]!.length) await write(chunk.parts[i]!);
        const err = chunk.errors[i];
        if (err) await write(errorLine(err, firstLineNo));
      }
      pairs += chunk.pairs;
      invalidLines += chunk.errors.length;
      firstLineNo += chunk.lines;
      for (const k of Object.keys(phases) as (keyof typeof phases)[]) phases[k] += chunk.phases[k];
    }
    return { pairs, invalidLines, phases };
  } finally {
    if (outFd !== undefined) closeSync(outFd);
    if (!req.pool) await pool.close();
  }
}
