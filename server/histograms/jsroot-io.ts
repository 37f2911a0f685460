/**
 * Typed façade over the parts of jsroot we use. jsroot ships no types (its d.ts declares the
 * modules as `any`), so the shapes are stated here once and nowhere else touches `any`.
 * "jsroot/io" and "jsroot/core" are imported instead of "jsroot" so reading a file does not load
 * the painters (d3, three.js).
 *
 * A ROOT file is read by ranges through a file descriptor (jsroot's FileProxy), never whole, and
 * objects are found by their keys: jsroot's own lookups by name scan every key and every
 * directory read so far (TFile.getKey, getDir), which makes reading a DQM file of n MEs O(n²).
 * Callers index keys by name themselves (a Map per directory) and read by key.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { inflateSync } from "node:zlib";
import * as io from "jsroot/io";
import * as core from "jsroot/core";

/** A TKey as jsroot reads it (ROOT io/io/inc/TKey.h). */
export interface JsrootKey {
  readonly fName: string;
  readonly fClassName: string;
  readonly fCycle: number;
  readonly fSeekKey: number;
  readonly fKeylen: number;
  readonly fNbytes: number;
  readonly fObjlen: number;
}

/** jsroot's TBuffer: a cursor over an object's bytes that runs ROOT's streamers. */
interface JsrootBuffer {
  fTagOffset: number;
  ntoi4(): number;
  readTKey(): JsrootKey;
  mapObject(tag: number, obj: object): void;
  classStreamer(obj: object, className: string): object;
}

/** jsroot's TFile, opened on a FileProxy. */
interface JsrootTFile {
  fKeys: JsrootKey[];
  readBuffer(place: [number, number]): Promise<DataView>;
  delete(): void;
}

const TBuffer = io.TBuffer as new (view: DataView, pos: number, file: JsrootTFile) => JsrootBuffer;
const R__unzip = io.R__unzip as (view: DataView, size: number, noAlert?: boolean) => Promise<DataView | null>;
const FileProxy = io.FileProxy as new () => object;

/** The smallest TKey on disk: fixed fields plus three one-byte string lengths (TKey::Streamer). */
const MIN_KEY_BYTES = 4 + 2 + 4 + 4 + 2 + 2 + 4 + 4 + 3;

/** zlib inflates at most ~1032:1 (zlib's FAQ); a key declaring more is corrupt, not to be allocated. */
const MAX_INFLATION = 1100;
/** ROOT's compression block header (core/zip/src/RZip.cxx): algorithm (2 bytes), method, compressed and raw sizes (3 bytes each, little-endian). */
const BLOCK_HEADER = 9;

const uint24 = (b: Buffer, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);

/**
 * The object's bytes, inflated by Node's zlib when every block is ROOT's "ZL" (zlib, the default
 * of CMSSW and uproot): jsroot's inflate in JavaScript is ~30× slower. Other algorithms (LZ4,
 * ZSTD, LZMA, ROOT's old "CS") go to jsroot's R__unzip. Null when the blocks do not add up.
 */
async function inflate(raw: DataView, objlen: number): Promise<DataView | null> {
  const src = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const blocks: { at: number; stored: number; size: number }[] = [];
  let total = 0;
  for (let at = 0; total < objlen; ) {
    if (at + BLOCK_HEADER > src.length) return null;
    if (src[at] !== 0x5a || src[at + 1] !== 0x4c || src[at + 2] !== 8) return (await R__unzip(raw, objlen, true)) ?? null;
    const stored = uint24(src, at + 3);
    const size = uint24(src, at + 6);
    if (at + BLOCK_HEADER + stored > src.length) return null;
    blocks.push({ at: at + BLOCK_HEADER, stored, size });
    total += size;
    at += BLOCK_HEADER + stored;
  }
  if (total !== objlen) return null;
  const out = Buffer.allocUnsafe(objlen);
  let o = 0;
  for (const b of blocks) {
    const part = inflateSync(src.subarray(b.at, b.at + b.stored), { maxOutputLength: b.size });
    if (part.length !== b.size) return null;
    o += part.copy(out, o);
  }
  return new DataView(out.buffer, out.byteOffset, objlen);
}

/** jsroot's TFile.readObjBuffer, with the key's sizes checked and zlib blocks inflated natively. */
async function objectBuffer(file: JsrootTFile, key: JsrootKey): Promise<JsrootBuffer> {
  const stored = key.fNbytes - key.fKeylen;
  if (!(key.fKeylen > 0) || !(stored >= 0) || !(key.fObjlen >= 0) || key.fObjlen > Math.max(stored, stored * MAX_INFLATION)) {
    throw new Error(`key ${key.fName} declares ${key.fObjlen} bytes in ${stored}`);
  }
  const raw = await file.readBuffer([key.fSeekKey + key.fKeylen, stored]);
  const view = key.fObjlen <= stored ? raw : await inflate(raw, key.fObjlen);
  if (!view) throw new Error(`cannot inflate ${key.fName}: its compressed blocks do not make ${key.fObjlen} bytes`);
  const buf = new TBuffer(view, 0, file);
  buf.fTagOffset = key.fKeylen;
  return buf;
}

/** jsroot reads through this: positioned reads on one file descriptor, refused beyond the file's end. */
class FileDescriptorProxy extends FileProxy {
  constructor(
    private readonly path: string,
    private readonly fd: number,
    private readonly size: number,
  ) {
    super();
  }
  openFile(): Promise<boolean> {
    return Promise.resolve(true);
  }
  getFileName(): string {
    return this.path;
  }
  getFileSize(): number {
    return this.size;
  }
  readBuffer(pos: number, len: number): Promise<DataView> {
    // A corrupt record length must not become an allocation of that size.
    if (!Number.isSafeInteger(pos) || !Number.isSafeInteger(len) || pos < 0 || len < 0 || pos + len > this.size) {
      return Promise.reject(new Error(`bytes ${pos}–${pos + len} lie outside the file (${this.size} bytes)`));
    }
    const buf = Buffer.allocUnsafe(len);
    // Synchronous: a record is a few KB from the page cache, and a hop through libuv's thread pool
    // per record costs more than the read on a busy machine.
    const bytesRead = readSync(this.fd, buf, 0, len, pos);
    if (bytesRead !== len) return Promise.reject(new Error(`read ${bytesRead} of ${len} bytes at ${pos}`));
    return Promise.resolve(new DataView(buf.buffer, buf.byteOffset, len));
  }
}

/** A file nobody closed is closed when its RootFile is collected, so a forgetful caller leaks no descriptor. */
const unclosed = new FinalizationRegistry<number>((fd) => closeSync(fd));

/** A ROOT file open for reading by key. */
export interface RootFile {
  /** Keys of the top directory. */
  readonly keys: readonly JsrootKey[];
  /** The keys of the directory that `key` names. */
  readDirectory(key: JsrootKey): Promise<JsrootKey[]>;
  /** The object that `key` names, as jsroot streams it (plain object with `_typename`). */
  readObject(key: JsrootKey): Promise<unknown>;
  close(): Promise<void>;
}

export function isDirectoryKey(key: JsrootKey): boolean {
  return key.fClassName === "TDirectory" || key.fClassName === "TDirectoryFile";
}

/** Opens `path` for reading by ranges; throws what jsroot throws for a file that is not ROOT. */
export async function openRootFile(path: string): Promise<RootFile> {
  const fd = openSync(path, "r");
  let file: JsrootTFile;
  try {
    file = (await io.openFile(new FileDescriptorProxy(path, fd, fstatSync(fd).size))) as JsrootTFile;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  let closed = false;
  // After close the descriptor's number may belong to another file: nothing reads through it again.
  const open = (): JsrootTFile => {
    if (closed) throw new Error(`${path} is closed`);
    return file;
  };
  const root: RootFile = {
    keys: file.fKeys,
    async readDirectory(key) {
      const file = open();
      // TDirectory::Streamer, then the key list at fSeekKeys (jsroot's TDirectory.readKeys, without keeping the directory).
      const dir: { fSeekKeys?: number; fNbytesKeys?: number } = {};
      (await objectBuffer(file, key)).classStreamer(dir, "TDirectory");
      if (!dir.fSeekKeys || !dir.fNbytesKeys) return [];
      const view = await file.readBuffer([dir.fSeekKeys, dir.fNbytesKeys]);
      const buf = new TBuffer(view, 0, file);
      buf.readTKey();
      const n = buf.ntoi4();
      if (n < 0 || n * MIN_KEY_BYTES > view.byteLength) throw new Error(`directory ${key.fName} declares ${n} keys in ${view.byteLength} bytes`);
      const keys: JsrootKey[] = [];
      for (let i = 0; i < n; i++) keys.push(buf.readTKey());
      return keys;
    },
    async readObject(key) {
      // TFile.readObject after its lookup by name.
      const buf = await objectBuffer(open(), key);
      const obj = {};
      buf.mapObject(1, obj);
      buf.classStreamer(obj, key.fClassName);
      return obj;
    },
    close() {
      if (!closed) {
        closed = true;
        unclosed.unregister(root);
        file.delete();
        closeSync(fd);
      }
      return Promise.resolve();
    },
  };
  unclosed.register(root, fd, root);
  return root;
}

/** jsroot's JSON reader: resolves `$ref` links and compressed arrays of ROOT's TBufferJSON. */
export const parseRootJson = (json: string | object): unknown => core.parse(json);
