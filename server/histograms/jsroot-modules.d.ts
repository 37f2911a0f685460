// jsroot 7 exposes typed entry points only for "jsroot"; these are the two subpaths we import.
declare module "jsroot/io" {
  export function openFile(path: string): Promise<unknown>;
}
declare module "jsroot/core" {
  /** Text, or JSON already parsed (its $ref links and compressed arrays are resolved in place). */
  export function parse(json: string | object): unknown;
}
