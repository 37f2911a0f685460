/** Loads a histogram named on the command line: a JSROOT JSON file, or `file.root:<ME path>`. */
import { readFile } from "node:fs/promises";
import type { Histogram } from "../../histograms/histogram";
import { openDqmRootFile } from "../../histograms/dqm-root-file";
import { histogramFromJsrootJson } from "../../histograms/from-jsroot-json";

export async function loadHistogram(source: string): Promise<Histogram> {
  const m = /^(.+?\.root):(.+)$/.exec(source);
  if (m) {
    const file = await openDqmRootFile(m[1]!);
    return file.read(m[2]!);
  }
  return histogramFromJsrootJson(await readFile(source, "utf8"));
}
