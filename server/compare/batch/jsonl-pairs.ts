/**
 * Batch mode's per-chunk work, run by the pool's workers: read a byte range of a JSON-lines file
 * (`{"id": …, "data": [n numbers], "ref": [n numbers]}` per line), parse it straight into a
 * batch, run the kernel on it and format one JSON line per pair as bytes. The scanner reads the
 * common shape (keys without escapes, plain JSON numbers) without building objects; any other
 * line goes through JSON.parse, so every valid JSON line is read the same way.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { statusFromScore, type Thresholds } from "../status";
import { compareRange } from "./batch-kernel";
import { allocateBatch, allocateResults } from "./batch-layout";

export type PairsTest = "chi2" | "kolmogorov" | "both";

export interface JsonlTask {
  readonly kind: "jsonl";
  readonly file: string;
  /** Byte range of whole lines. */
  readonly start: number;
  readonly end: number;
  readonly nbins: number;
  readonly test: PairsTest;
  readonly thresholds: Thresholds;
}

/** A line that could not be read; `line` counts the chunk's non-blank lines from 0. */
export interface PairError {
  readonly line: number;
  readonly lineInChunk: number;
  readonly id: string;
  readonly message: string;
}

export interface JsonlChunk {
  /** Output bytes between the error lines: parts.length = errors.length + 1. */
  readonly parts: Uint8Array[];
  readonly errors: PairError[];
  /** Lines in the chunk, blank ones included (for line numbers of later chunks). */
  readonly lines: number;
  readonly pairs: number;
  /** Milliseconds this worker spent reading, finding lines, parsing, in the kernel and formatting. */
  readonly phases: { read: number; index: number; parse: number; kernel: number; format: number };
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const LBRACK = 91;
const RBRACK = 93;
const LBRACE = 123;
const RBRACE = 125;
const BACKSLASH = 92;
const NL = 10;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function skipWs(b: Uint8Array, i: number, e: number): number {
  while (i < e && isSpace(b[i]!)) i++;
  return i;
}

/**
 * `[n numbers]` at b[i] into out[off…]; returns the index after `]`, or −1 when it is not
 * exactly n plain JSON numbers. Reading past the line is harmless: a line cut short meets a
 * byte that is neither a separator nor a bracket (or `undefined` past the buffer) and fails.
 */
function readNumbers(b: Uint8Array, i: number, out: Float64Array, off: number, n: number): number {
  if (b[i] !== 91 /* [ */) return -1;
  let c = b[++i];
  while (c === 32) c = b[++i];
  if (c === 93 /* ] */) return n === 0 ? i + 1 : -1;
  for (let k = 0; k < n; k++) {
    const s = i;
    const neg = c === 45; /* - */
    if (neg) c = b[++i];
    const d0 = i;
    let v = 0;
    while (c !== undefined && c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      c = b[++i];
    }
    const digits = i - d0;
    if (digits === 0 || digits > 15 || c === 46 /* . */ || c === 101 /* e */ || c === 69 /* E */ || (digits > 1 && b[d0] === 48)) {
      // Fractions, exponents, long integers: Number() rounds them correctly.
      while (i < b.length && b[i] !== 44 && b[i] !== 93 && !isSpace(b[i]!)) i++;
      let text = "";
      for (let j = s; j < i; j++) text += String.fromCharCode(b[j]!);
      if (!NUMBER.test(text)) return -1;
      out[off + k] = Number(text);
      c = b[i];
    } else out[off + k] = neg ? -v : v;
    while (c === 32) c = b[++i];
    if (c === 44 /* , */) {
      if (k === n - 1) return -1;
      c = b[++i];
      while (c === 32) c = b[++i];
    } else if (c === 93) return k === n - 1 ? i + 1 : -1;
    else return -1;
  }
  return -1;
}

let valueStart = 0;
/** Skips one JSON value at b[i] (valueStart is set to where it begins); −1 when malformed. */
function skipValue(b: Uint8Array, i: number, e: number): number {
  valueStart = i;
  let depth = 0;
  while (i < e) {
    const c = b[i]!;
    if (c === QUOTE) {
      i++;
      while (i < e && b[i] !== QUOTE) i += b[i] === BACKSLASH ? 2 : 1;
      if (i >= e) return -1;
      i++;
      if (depth === 0) return i;
      continue;
    }
    if (c === LBRACE || c === LBRACK) depth++;
    else if (c === RBRACE || c === RBRACK) {
      if (depth === 0) break;
      if (--depth === 0) return i + 1;
    } else if (c === COMMA && depth === 0) break;
    i++;
  }
  while (i > valueStart && isSpace(b[i - 1]!)) i--;
  return i > valueStart ? i : -1;
}

const KEY_DATA = [100, 97, 116, 97];
const KEY_REF = [114, 101, 102];
const KEY_ID = [105, 100];
function keyIs(b: Uint8Array, s: number, e: number, key: number[]): boolean {
  if (e - s !== key.length) return false;
  for (let j = 0; j < key.length; j++) if (b[s + j] !== key[j]) return false;
  return true;
}

let idStart = 0;
let idEnd = 0;
/** The fast path for one line [i, e); false when the line is not the common shape. idStart/idEnd bound the id's raw JSON (empty: none). */
function scanLine(b: Uint8Array, i: number, e: number, n: number, data: Float64Array, ref: Float64Array, off: number): boolean {
  idStart = idEnd = 0;
  i = skipWs(b, i, e);
  if (b[i] !== LBRACE) return false;
  let seen = 0;
  i = skipWs(b, i + 1, e);
  for (;;) {
    if (b[i] !== QUOTE) return false;
    const ks = ++i;
    while (i < e && b[i] !== QUOTE) {
      if (b[i] === BACKSLASH) return false;
      i++;
    }
    const ke = i;
    i = skipWs(b, i + 1, e);
    if (b[i] !== COLON) return false;
    i = skipWs(b, i + 1, e);
    if (keyIs(b, ks, ke, KEY_DATA)) {
      i = readNumbers(b, i, data, off, n);
      seen |= 1;
    } else if (keyIs(b, ks, ke, KEY_REF)) {
      i = readNumbers(b, i, ref, off, n);
      seen |= 2;
    } else {
      i = skipValue(b, i, e);
      if (i >= 0 && keyIs(b, ks, ke, KEY_ID)) {
        idStart = valueStart;
        idEnd = i;
      }
    }
    if (i < 0) return false;
    i = skipWs(b, i, e);
    if (b[i] === RBRACE) break;
    if (b[i] !== COMMA) return false;
    i = skipWs(b, i + 1, e);
  }
  return skipWs(b, i + 1, e) === e && seen === 3;
}

const decoder = new TextDecoder();

/** The slow path: JSON.parse; returns the id as JSON text and an error message when the line is unusable. */
function parseLine(b: Uint8Array, s: number, e: number, n: number, data: Float64Array, ref: Float64Array, off: number): { id: string; error?: string } {
  let obj: unknown;
  try {
    obj = JSON.parse(decoder.decode(b.subarray(s, e)));
  } catch (err) {
    return { id: "null", error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return { id: "null", error: "a line must be a JSON object with data and ref arrays" };
  const o = obj as Record<string, unknown>;
  const id = JSON.stringify(o.id ?? null);
  for (const [key, target] of [["data", data], ["ref", ref]] as const) {
    const a = o[key];
    if (!Array.isArray(a) || a.length !== n || !a.every((x) => typeof x === "number")) return { id, error: `${key} must be an array of ${n} numbers (the first line's length)` };
    target.set(a, off);
  }
  return { id };
}

/** A JSON number (NaN and infinities, which JSON lacks, as null). */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : "null");

function readRange(file: string, start: number, end: number): Uint8Array {
  const b = new Uint8Array(end - start);
  const fd = openSync(file, "r");
  try {
    let at = 0;
    while (at < b.length) {
      const got = readSync(fd, b, at, b.length - at, start + at);
      if (got === 0) break;
      at += got;
    }
  } finally {
    closeSync(fd);
  }
  return b;
}

const STATUS_BY_CODE: Record<number, string> = { 60: "INVALID", 70: "INSUF_STAT" };

export function runJsonlChunk(t: JsonlTask): JsonlChunk {
  const t0 = performance.now();
  const b = readRange(t.file, t.start, t.end);
  const t1 = performance.now();
  const e = b.length;
  // Line bounds first: the batch is sized by them.
  const starts: number[] = [];
  const ends: number[] = [];
  const lineOf: number[] = [];
  let lines = 0;
  for (let pos = 0; pos < e; ) {
    let nl = b.indexOf(NL, pos);
    if (nl < 0) nl = e;
    const s = skipWs(b, pos, nl);
    if (s < nl) {
      starts.push(s);
      ends.push(nl);
      lineOf.push(lines);
    }
    lines++;
    pos = nl + 1;
  }
  const count = starts.length;
  const t2 = performance.now();
  const n = t.nbins;
  const batch = allocateBatch(count, n);
  const out = allocateResults(count);
  const ids: (string | null)[] = new Array<string | null>(count).fill(null);
  const idAt = new Float64Array(count * 2);
  const errors: PairError[] = [];
  for (let p = 0; p < count; p++) {
    if (scanLine(b, starts[p]!, ends[p]!, n, batch.data, batch.ref, p * n)) {
      idAt[2 * p] = idStart;
      idAt[2 * p + 1] = idEnd;
      continue;
    }
    const r = parseLine(b, starts[p]!, ends[p]!, n, batch.data, batch.ref, p * n);
    ids[p] = r.id;
    if (r.error !== undefined) {
      errors.push({ line: p, lineInChunk: lineOf[p]!, id: r.id, message: r.error });
      batch.data.fill(Number.NaN, p * n, (p + 1) * n);
    }
  }
  const t3 = performance.now();
  compareRange(batch, out, 0, count);
  const t4 = performance.now();

  // Lines are built as one-byte strings (the id's bytes as Latin-1, so UTF-8 passes through
  // unchanged) and turned into bytes once per part: V8's own number printing and one copy.
  const parts: Uint8Array[] = [];
  const withChi2 = t.test !== "kolmogorov";
  const withKs = t.test !== "chi2";
  const buffer = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  // A few hundred kB of text at a time: V8 flattens many short strings faster than one long one.
  let text = "";
  let pieces: Buffer[] = [];
  let nextError = 0;
  const endPart = (): void => {
    pieces.push(Buffer.from(text, "latin1"));
    parts.push(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces));
    text = "";
    pieces = [];
  };
  for (let p = 0; p < count; p++) {
    if (nextError < errors.length && errors[nextError]!.line === p) {
      endPart();
      nextError++;
      continue;
    }
    if ((p & 1023) === 1023) {
      pieces.push(Buffer.from(text, "latin1"));
      text = "";
    }
    const id = ids[p];
    const idText = id ? Buffer.from(id, "utf8").toString("latin1") : idAt[2 * p + 1]! > 0 ? buffer.toString("latin1", idAt[2 * p], idAt[2 * p + 1]) : "null";
    const failed = STATUS_BY_CODE[out.status[p]!];
    // One template per line: nested concatenations make V8's final flattening slower.
    const c2 = out.chi2PValue[p]!;
    const ks = out.ksPValue[p]!;
    const chi2Fields = `"chi2":${num(out.chi2[p]!)},"ndf":${num(out.ndf[p]!)},"chi2PValue":${num(c2)},"igood":${out.igood[p]!},"chi2Status":"${failed ?? statusFromScore(c2, t.thresholds)}"`;
    if (!withKs) text += `{"id":${idText},${chi2Fields}}\n`;
    else if (!withChi2) text += `{"id":${idText},"ksDistance":${num(out.ksDistance[p]!)},"ksPValue":${num(ks)},"ksStatus":"${failed ?? statusFromScore(ks, t.thresholds)}"}\n`;
    else text += `{"id":${idText},${chi2Fields},"ksDistance":${num(out.ksDistance[p]!)},"ksPValue":${num(ks)},"ksStatus":"${failed ?? statusFromScore(ks, t.thresholds)}"}\n`;
  }
  endPart();
  const t5 = performance.now();
  return { parts, errors, lines, pairs: count, phases: { read: t1 - t0, index: t2 - t1, parse: t3 - t2, kernel: t4 - t3, format: t5 - t4 } };
}

/** An error line, once the chunk's first line number in the file is known. */
export function errorLine(err: PairError, firstLineNo: number): string {
  return `{"id":${err.id},"line":${firstLineNo + err.lineInChunk},"status":"INVALID","message":${JSON.stringify(err.message)}}\n`;
}
