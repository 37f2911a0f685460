// jsroot 7 exposes typed entry points only for "jsroot"; these are the two subpaths we import.
declare module "jsroot/io" {
  /** A file path, URL, or a FileProxy instance that reads by ranges. */
  export function openFile(source: string | object): Promise<unknown>;
  export const TBuffer: unknown;
  export const FileProxy: unknown;
  export const R__unzip: unknown;
}
declare module "jsroot/core" {
  /** Text, or JSON already parsed (its $ref links and compressed arrays are resolved in place). */
  export function parse(json: string | object): unknown;
}
