/**
 * Typed façade over the parts of jsroot we use. jsroot ships no types (its d.ts declares the
 * modules as `any`), so the shapes are stated here once and nowhere else touches `any`.
 * "jsroot/io" and "jsroot/core" are imported instead of "jsroot" so reading a file does not load
 * the painters (d3, three.js).
 */
import * as io from "jsroot/io";
import * as core from "jsroot/core";

export interface JsrootKey {
  fName: string;
  fClassName: string;
  fCycle: number;
}

export interface JsrootDirectory {
  fKeys: JsrootKey[];
}

export interface JsrootFile {
  fKeys: JsrootKey[];
  fEND: number;
  readObject(path: string): Promise<unknown>;
  readDirectory(path: string): Promise<JsrootDirectory | null>;
}

export const openRootFile = async (path: string): Promise<JsrootFile> => (await io.openFile(path)) as JsrootFile;

/** jsroot's JSON reader: resolves `$ref` links and compressed arrays of ROOT's TBufferJSON. */
export const parseRootJson = (json: string | object): unknown => core.parse(json);
