/**
 * The project's root folder (the one holding package.json), found from this module's own place:
 * server/ when run from source, the Remix bundle's folder (build/ or a copy of it inside the
 * project) when bundled. Files that ship with the project (config/…) are found from here, never
 * by a path relative to a module, which the bundle moves.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

export function projectRoot(): string {
  if (root === undefined) {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    root = dir;
  }
  return root;
}
