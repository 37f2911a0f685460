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
const encoder = new TextEncoder();

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

/** Output bytes, grown as needed. */
class ByteWriter {
  buf: Uint8Array;
  at = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }
  reserve(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }
  ascii(s: string): void {
    this.reserve(s.length);
    const { buf } = this;
    let at = this.at;
    for (let j = 0; j < s.length; j++) buf[at++] = s.charCodeAt(j);
    this.at = at;
  }
  bytes(src: Uint8Array, s: number, e: number): void {
    this.reserve(e - s);
    this.buf.set(src.subarray(s, e), this.at);
    this.at += e - s;
  }
  number(x: number): void {
    if (Number.isInteger(x) && x >= 0 && x < 1e15) {
      this.reserve(16);
      let digits = 1;
      for (let v = x; v >= 10; v = Math.floor(v / 10)) digits++;
      let at = this.at + digits;
      this.at = at;
      let v = x;
      do {
        this.buf[--at] = 48 + (v % 10);
        v = Math.floor(v / 10);
      } while (v > 0);
    } else this.ascii(Number.isFinite(x) ? String(x) : "null");
  }
  take(): Uint8Array {
    const out = this.buf.slice(0, this.at);
    this.at = 0;
    return out;
  }
}

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
  const b = readRange(t.file, t.start, t.end);
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
  compareRange(batch, out, 0, count);

  const w = new ByteWriter(count * 200 + 64);
  const parts: Uint8Array[] = [];
  const withChi2 = t.test !== "kolmogorov";
  const withKs = t.test !== "chi2";
  let nextError = 0;
  for (let p = 0; p < count; p++) {
    if (nextError < errors.length && errors[nextError]!.line === p) {
      parts.push(w.take());
      nextError++;
      continue;
    }
    w.ascii('{"id":');
    const id = ids[p];
    if (id) {
      const bytes = encoder.encode(id);
      w.bytes(bytes, 0, bytes.length);
    } else if (idAt[2 * p + 1]! > 0) w.bytes(b, idAt[2 * p]!, idAt[2 * p + 1]!);
    else w.ascii("null");
    const failed = STATUS_BY_CODE[out.status[p]!];
    if (withChi2) {
      w.ascii(',"chi2":');
      w.number(out.chi2[p]!);
      w.ascii(',"ndf":');
      w.number(out.ndf[p]!);
      w.ascii(',"chi2PValue":');
      w.number(out.chi2PValue[p]!);
      w.ascii(',"igood":');
      w.number(out.igood[p]!);
      w.ascii(`,"chi2Status":"${failed ?? statusFromScore(out.chi2PValue[p]!, t.thresholds)}"`);
    }
    if (withKs) {
      w.ascii(',"ksDistance":');
      w.number(out.ksDistance[p]!);
      w.ascii(',"ksPValue":');
      w.number(out.ksPValue[p]!);
      w.ascii(`,"ksStatus":"${failed ?? statusFromScore(out.ksPValue[p]!, t.thresholds)}"`);
    }
    w.ascii("}\n");
  }
  parts.push(w.take());
  return { parts, errors, lines, pairs: count };
}

/** An error line, once the chunk's first line number in the file is known. */
export function errorLine(err: PairError, firstLineNo: number): string {
  return `{"id":${err.id},"line":${firstLineNo + err.lineInChunk},"status":"INVALID","message":${JSON.stringify(err.message)}}\n`;
}
