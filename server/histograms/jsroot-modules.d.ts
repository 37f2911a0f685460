// jsroot 7 exposes typed entry points only for "jsroot"; these are the two subpaths we import.
declare module "jsroot/io" {
  export function openFile(path: string): Promise<unknown>;
}
declare module "jsroot/core" {
  export function parse(json: string): unknown;
}
