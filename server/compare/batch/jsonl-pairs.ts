/**
 * Batch mode's per-slice work, run by the pool's workers: parse JSON-lines pairs
 * (`{"id": …, "data": [n numbers], "ref": [n numbers]}`) straight from the file's bytes into the
 * batch's shared memory, run the kernel on the slice, and format one JSON line per pair. The
 * scanner reads the common shape (keys without escapes, plain numbers) without building
 * objects; any line it does not follow goes through JSON.parse, so every valid JSON line is read.
 */
import { statusFromScore, type Thresholds } from "../status";
import { compareRange } from "./batch-kernel";
import type { BatchResults, PairBatch } from "./batch-layout";

export type PairsTest = "chi2" | "kolmogorov" | "both";

export interface JsonlTask {
  readonly kind: "jsonl";
  /** The whole file, in shared memory. */
  readonly bytes: Uint8Array;
  /** Byte offset of each pair's line, and its end (exclusive), per pair. */
  readonly lineStart: Float64Array;
  readonly lineEnd: Float64Array;
  /** 1-based line number of each pair, for messages. */
  readonly lineNo: Int32Array;
  readonly batch: PairBatch;
  readonly out: BatchResults;
  readonly start: number;
  readonly end: number;
  readonly test: PairsTest;
  readonly thresholds: Thresholds;
}

export interface JsonlSlice {
  readonly text: string;
  readonly invalidLines: number;
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const LBRACK = 91;
const RBRACK = 93;
const LBRACE = 123;
const RBRACE = 125;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const BACKSLASH = 92;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;

class Scan {
  i: number;
  constructor(
    readonly b: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.i = start;
  }
  ws(): number {
    const { b, end } = this;
    while (this.i < end && isSpace(b[this.i]!)) this.i++;
    return this.i < end ? b[this.i]! : -1;
  }
  /** A key without escapes, as its first byte and length (enough to tell "id", "data" and "ref" apart). */
  key(): string | null {
    if (this.ws() !== QUOTE) return null;
    const s = ++this.i;
    while (this.i < this.end && this.b[this.i] !== QUOTE) {
      if (this.b[this.i] === BACKSLASH) return null;
      this.i++;
    }
    if (this.i >= this.end) return null;
    let k = "";
    for (let j = s; j < this.i; j++) k += String.fromCharCode(this.b[j]!);
    this.i++;
    return k;
  }
  /** One number into out[at]; false when the bytes are not a plain JSON number. */
  number(out: Float64Array, at: number): boolean {
    const { b, end } = this;
    const s = this.i;
    let neg = false;
    if (b[this.i] === MINUS) {
      neg = true;
      this.i++;
    }
    let v = 0;
    let digits = 0;
    while (this.i < end) {
      const c = b[this.i]!;
      if (c < ZERO || c > NINE) break;
      v = v * 10 + (c - ZERO);
      digits++;
      this.i++;
    }
    if (digits === 0) return false;
    const c = this.i < end ? b[this.i]! : -1;
    if (digits <= 15 && (c === COMMA || c === RBRACK || isSpace(c))) {
      out[at] = neg ? -v : v;
      return true;
    }
    // Fractions, exponents and long integers: let Number() round them correctly.
    while (this.i < end) {
      const d = b[this.i]!;
      if (d === COMMA || d === RBRACK || isSpace(d)) break;
      this.i++;
    }
    let text = "";
    for (let j = s; j < this.i; j++) text += String.fromCharCode(b[j]!);
    const n = Number(text);
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return false;
    out[at] = n;
    return true;
  }
  /** `[n numbers]` into out[offset…]; false when the array is not n plain numbers. */
  numbers(out: Float64Array, offset: number, n: number): boolean {
    if (this.ws() !== LBRACK) return false;
    this.i++;
    if (this.ws() === RBRACK) {
      this.i++;
      return n === 0;
    }
    for (let k = 0; ; k++) {
      if (k >= n) return false;
      this.ws();
      if (!this.number(out, offset + k)) return false;
      const c = this.ws();
      this.i++;
      if (c === RBRACK) return k === n - 1;
      if (c !== COMMA) return false;
    }
  }
  /** Skips any JSON value, returning its raw text bounds, or null when it is malformed. */
  value(): [number, number] | null {
    const { b, end } = this;
    this.ws();
    const s = this.i;
    let depth = 0;
    while (this.i < end) {
      const c = b[this.i]!;
      if (c === QUOTE) {
        this.i++;
        while (this.i < end && b[this.i] !== QUOTE) this.i += b[this.i] === BACKSLASH ? 2 : 1;
        if (this.i >= end) return null;
      } else if (c === LBRACE || c === LBRACK) depth++;
      else if (c === RBRACE || c === RBRACK) {
        if (depth === 0) break;
        depth--;
      } else if (c === COMMA && depth === 0) break;
      this.i++;
      if (depth === 0 && (c === QUOTE || c === RBRACE || c === RBRACK)) break;
    }
    let e = this.i;
    while (e > s && isSpace(b[e - 1]!)) e--;
    return e > s ? [s, e] : null;
  }
}

const latin1 = (b: Uint8Array, s: number, e: number): string => {
  let t = "";
  for (let j = s; j < e; j++) t += String.fromCharCode(b[j]!);
  return t;
};

/** The fast path; null when the line is not the common shape (the caller then uses JSON.parse). */
function scanLine(b: Uint8Array, s: number, e: number, nbins: number, data: Float64Array, ref: Float64Array, offset: number): { id: string } | null {
  const sc = new Scan(b, s, e);
  if (sc.ws() !== LBRACE) return null;
  sc.i++;
  let id = "null";
  let gotData = false;
  let gotRef = false;
  if (sc.ws() === RBRACE) return null;
  for (;;) {
    const k = sc.key();
    if (k === null || sc.ws() !== COLON) return null;
    sc.i++;
    if (k === "data") {
      if (!sc.numbers(data, offset, nbins)) return null;
      gotData = true;
    } else if (k === "ref") {
      if (!sc.numbers(ref, offset, nbins)) return null;
      gotRef = true;
    } else {
      const v = sc.value();
      if (!v) return null;
      // The id is echoed as written, but only when it is plain ASCII (else JSON.parse handles it).
      if (k === "id") {
        for (let j = v[0]; j < v[1]; j++) if (b[j]! > 126) return null;
        id = latin1(b, v[0], v[1]);
      }
    }
    const c = sc.ws();
    sc.i++;
    if (c === RBRACE) break;
    if (c !== COMMA) return null;
  }
  if (sc.ws() !== -1) return null;
  return gotData && gotRef ? { id } : null;
}

const decoder = new TextDecoder();

/** Reads one pair's line into the batch; returns its id as JSON text, or an error message. */
export function readPairLine(b: Uint8Array, s: number, e: number, nbins: number, data: Float64Array, ref: Float64Array, offset: number): { id: string } | { id: string; error: string } {
  const fast = scanLine(b, s, e, nbins, data, ref, offset);
  if (fast) return fast;
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
    if (!Array.isArray(a) || a.length !== nbins || !a.every((x) => typeof x === "number")) return { id, error: `${key} must be an array of ${nbins} numbers (the first line's length)` };
    target.set(a, offset);
  }
  return { id };
}

const num = (x: number): string => (Number.isFinite(x) ? String(x) : "null");
const STATUS_BY_CODE: Record<number, string> = { 60: "INVALID", 70: "INSUF_STAT" };

export function runJsonlSlice(t: JsonlTask): JsonlSlice {
  const { batch, out, bytes, test } = t;
  const n = batch.nbins;
  const errors = new Map<number, string>();
  const ids: string[] = [];
  for (let p = t.start; p < t.end; p++) {
    const r = readPairLine(bytes, t.lineStart[p]!, t.lineEnd[p]!, n, batch.data, batch.ref, p * n);
    ids.push(r.id);
    if ("error" in r) {
      errors.set(p, r.error);
      batch.data.fill(Number.NaN, p * n, (p + 1) * n);
    }
  }
  compareRange(batch, out, t.start, t.end);
  const parts: string[] = [];
  for (let p = t.start; p < t.end; p++) {
    const id = ids[p - t.start]!;
    const bad = errors.get(p);
    if (bad !== undefined) {
      parts.push(`{"id":${id},"line":${t.lineNo[p]},"status":"INVALID","message":${JSON.stringify(bad)}}\n`);
      continue;
    }
    const code = out.status[p]!;
    const failedStatus = STATUS_BY_CODE[code];
    let line = `{"id":${id}`;
    if (test !== "kolmogorov") {
      const st = failedStatus ?? statusFromScore(out.chi2PValue[p]!, t.thresholds);
      line += `,"chi2":${num(out.chi2[p]!)},"ndf":${num(out.ndf[p]!)},"chi2PValue":${num(out.chi2PValue[p]!)},"igood":${num(out.igood[p]!)},"chi2Status":"${st}"`;
    }
    if (test !== "chi2") {
      const st = failedStatus ?? statusFromScore(out.ksPValue[p]!, t.thresholds);
      line += `,"ksDistance":${num(out.ksDistance[p]!)},"ksPValue":${num(out.ksPValue[p]!)},"ksStatus":"${st}"`;
    }
    parts.push(`${line}}\n`);
  }
  return { text: parts.join(""), invalidLines: errors.size };
}
