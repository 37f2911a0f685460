/**
 * The batch engine's text module (batch-text.wat) bound to a chunk's shared memory: counting
 * lines, reading the common shape of JSON lines into f64 arrays and printing result lines, all in
 * place in that memory. Page 0 of the memory belongs to the module's tables; a chunk's bytes start
 * at TEXT_BASE. jsonl-pairs.ts lays out the rest.
 */
import { readFileSync } from "node:fs";
import { TEXT_WASM } from "./kernel-source";

/** Where a chunk's bytes start: page 0 holds the module's tables. */
export const TEXT_BASE = 65_536;
/** Bytes of one line record: start, end, line in chunk, flag, id start, id end, error output offset, spare (i32 each). */
export const LINE_RECORD = 32;
/** Record flags: read by WebAssembly, to be read by JavaScript, unusable (an error line). */
export const READ_HERE = 1;
export const READ_IN_JS = 0;
export const UNUSABLE = 2;
/** Result-line layouts of `format`. */
export const FORMAT_MODE = { both: 0, chi2: 1, kolmogorov: 2 } as const;
/** Bytes a result line can take besides its id (six numbers of ≤ 24 characters, keys, statuses). */
export const MAX_LINE_BYTES = 512;

export interface TextModule {
  countNewlines(start: number, end: number): number;
  parse(base: number, length: number, nbins: number, data: number, ref: number, table: number): number;
  /**
   * `parse`'s fast path alone (for tests): the array `[n integers]` at i into out; the index after
   * ']', or 0 when it is not n bare non-negative integers of 1 to 7 digits (parse then reads it otherwise).
   */
  integers(i: number, n: number, out: number): number;
  /** Lines of the last `parse`, blank ones included. */
  lines(): number;
  /** x as JSON (Number::toString, null when not finite) at pos; returns the end. */
  number(x: number, pos: number): number;
  format(count: number, table: number, results: number, cap: number, mode: number, error: number, warning: number, pos: number): number;
}

let compiled: WebAssembly.Module | undefined;

/** A new instance on `memory` (which writes the tables into page 0). */
export function textModule(memory: WebAssembly.Memory): TextModule {
  compiled ??= new WebAssembly.Module(readFileSync(TEXT_WASM));
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as TextModule;
}

const PAGE = 65_536;
const MAX_PAGES = 65_536;

/** A shared memory for the text module with room for `bytes`, able to grow to 4 GiB. */
export function textMemory(bytes: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: pagesFor(bytes), maximum: MAX_PAGES, shared: true });
}

/** Grows `memory` to hold at least `bytes`. */
export function ensureBytes(memory: WebAssembly.Memory, bytes: number): void {
  const pages = pagesFor(bytes);
  const have = memory.buffer.byteLength / PAGE;
  if (pages > have) memory.grow(pages - have);
}

function pagesFor(bytes: number): number {
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (pages > MAX_PAGES) throw new RangeError(`a chunk needs ${(bytes / 2 ** 30).toFixed(1)} GiB of memory; at most 4 GiB fit in one WebAssembly memory, so use more, smaller chunks`);
  return pages;
}
