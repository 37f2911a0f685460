/**
 * Batch mode's per-chunk work, run by the pool's workers: read a byte range of a JSON-lines file
 * (`{"id": …, "data": [n numbers], "ref": [n numbers]}` per line), parse it straight into a
 * batch, run the kernel on it and format one JSON line per pair as bytes. WebAssembly
 * (batch-text.wat) reads the common shape with numbers it can read exactly and prints the result
 * lines; the lines it leaves go to the scanner here (keys without escapes, any JSON numbers,
 * without building objects) and then to JSON.parse, so every valid JSON line is read the same way.
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { Thresholds } from "../status";
import { compareRange } from "./batch-kernel";
import { type BatchResults, type PairBatch, RESULT_FIELDS, SCRATCH_PER_PAIR } from "./batch-layout";
import { ensureBytes, FORMAT_MODE, LINE_RECORD, MAX_LINE_BYTES, READ_HERE, TEXT_BASE, type TextModule, textMemory, textModule, UNUSABLE } from "./batch-text";

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
  /** Output bytes between the error lines: parts.length = errors.length + 1, views of one buffer. */
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

function readInto(file: string, start: number, target: Uint8Array): void {
  const fd = openSync(file, "r");
  try {
    let at = 0;
    while (at < target.length) {
      const got = readSync(fd, target, at, target.length - at, start + at);
      if (got === 0) throw new Error(`${file} ended at byte ${start + at}, before the chunk's end ${start + target.length}`);
      at += got;
    }
  } finally {
    closeSync(fd);
  }
}

const align8 = (x: number): number => Math.ceil(x / 8) * 8;

let workspace: { memory: WebAssembly.Memory; text: TextModule | undefined } | undefined;

/**
 * One chunk in one shared WebAssembly memory: its bytes at TEXT_BASE (and a '\n' after them),
 * then the batch (data, ref, the kernel's scratch), the results, one record per line, the ids the
 * JavaScript reader produced and the output. WebAssembly counts the lines, reads the common shape
 * and prints the result lines; the lines it leaves are read here as before (scanLine, then
 * JSON.parse).
 */
export function runJsonlChunk(t: JsonlTask): JsonlChunk {
  const t0 = performance.now();
  const length = t.end - t.start;
  const base = TEXT_BASE;
  // One memory per thread, grown as needed and reused: fresh pages cost the kernel's zeroing.
  workspace ??= { memory: textMemory(base + length + 1), text: undefined };
  const memory = workspace.memory;
  ensureBytes(memory, base + length + 1);
  const text = (workspace.text ??= textModule(memory));
  readInto(t.file, t.start, new Uint8Array(memory.buffer, base, length));
  new Uint8Array(memory.buffer)[base + length] = NL;
  const t1 = performance.now();
  // Room for every line (a chunk has at most one more line than newlines), then the reading.
  const cap = text.countNewlines(base, base + length) + 1;
  const n = t.nbins;
  const dataOffset = align8(base + length + 1);
  const refOffset = dataOffset + cap * n * 8;
  const scratchOffset = refOffset + cap * n * 8;
  const resultsOffset = scratchOffset + cap * SCRATCH_PER_PAIR * 8;
  const tableOffset = resultsOffset + cap * RESULT_FIELDS.length * 8;
  const arenaOffset = tableOffset + cap * LINE_RECORD;
  ensureBytes(memory, arenaOffset);
  const t2 = performance.now();
  const count = text.parse(base, length, n, dataOffset, refOffset, tableOffset);
  const lines = text.lines();
  const b = new Uint8Array(memory.buffer, base, length);
  const data = new Float64Array(memory.buffer, dataOffset, count * n);
  const ref = new Float64Array(memory.buffer, refOffset, count * n);
  const table = new Uint32Array(memory.buffer, tableOffset, count * (LINE_RECORD / 4));
  const errors: PairError[] = [];
  const parsedIds: { p: number; bytes: Buffer }[] = [];
  for (let p = 0, r = 0; p < count; p++, r += LINE_RECORD / 4) {
    if (table[r + 3] === READ_HERE) continue;
    const s = table[r]! - base;
    const e = table[r + 1]! - base;
    if (scanLine(b, s, e, n, data, ref, p * n)) {
      table[r + 4] = idEnd > 0 ? base + idStart : 0;
      table[r + 5] = idEnd > 0 ? base + idEnd : 0;
      continue;
    }
    const parsed = parseLine(b, s, e, n, data, ref, p * n);
    parsedIds.push({ p, bytes: Buffer.from(parsed.id, "utf8") });
    if (parsed.error !== undefined) {
      errors.push({ line: p, lineInChunk: table[r + 2]!, id: parsed.id, message: parsed.error });
      table[r + 3] = UNUSABLE;
      data.fill(Number.NaN, p * n, (p + 1) * n);
    }
  }
  const t3 = performance.now();
  const batch: PairBatch = { count, nbins: n, memory, dataOffset, refOffset, scratchOffset, data, ref };
  const view = (field: number): Float64Array => new Float64Array(memory.buffer, resultsOffset + field * cap * 8, count);
  const out: BatchResults = { chi2: view(0), ndf: view(1), chi2PValue: view(2), igood: view(3), ksDistance: view(4), ksPValue: view(5), status: view(6) };
  compareRange(batch, out, 0, count);
  const t4 = performance.now();

  // Ids the JavaScript reader produced go beside the records; then WebAssembly prints every line.
  const idBytes = parsedIds.reduce((sum, x) => sum + x.bytes.length, 0);
  const outStart = align8(arenaOffset + idBytes);
  // Each line's raw id is part of its input line, so all of them fit in `length` bytes.
  const outCap = count * MAX_LINE_BYTES + length + idBytes + 64;
  ensureBytes(memory, outStart + outCap);
  const u8 = new Uint8Array(memory.buffer);
  const records = new Uint32Array(memory.buffer, tableOffset, count * (LINE_RECORD / 4));
  let at = arenaOffset;
  for (const { p, bytes } of parsedIds) {
    u8.set(bytes, at);
    records[p * (LINE_RECORD / 4) + 4] = at;
    records[p * (LINE_RECORD / 4) + 5] = at + bytes.length;
    at += bytes.length;
  }
  const outEnd = text.format(count, tableOffset, resultsOffset, cap, FORMAT_MODE[t.test], t.thresholds.error, t.thresholds.warning, outStart);
  // Copied out of the memory the next chunk reuses, into one buffer of its own (which the worker
  // hands over rather than copies); parts are its stretches between error lines.
  const output = new Uint8Array(outEnd - outStart);
  output.set(u8.subarray(outStart, outEnd));
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const err of errors) {
    const to = records[err.line * (LINE_RECORD / 4) + 6]! - outStart;
    parts.push(output.subarray(from, to));
    from = to;
  }
  parts.push(output.subarray(from));
  const t5 = performance.now();
  return { parts, errors, lines, pairs: count, phases: { read: t1 - t0, index: t2 - t1, parse: t3 - t2, kernel: t4 - t3, format: t5 - t4 } };
}

/** An error line, once the chunk's first line number in the file is known. */
export function errorLine(err: PairError, firstLineNo: number): string {
  return `{"id":${err.id},"line":${firstLineNo + err.lineInChunk},"status":"INVALID","message":${JSON.stringify(err.message)}}\n`;
}
