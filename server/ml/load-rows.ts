/** Reads an ML4DQM CSV file (server-side only), optionally keeping one monitor element. */
import { readFile } from "node:fs/promises";
import { parseMl4dqmCsv, type Ml4dqmRow } from "../histograms/from-ml4dqm-csv";

export async function readMl4dqmFile(path: string, me?: string): Promise<Ml4dqmRow[]> {
  const rows = parseMl4dqmCsv(await readFile(path, "utf8"));
  return me === undefined ? rows : rows.filter((r) => r.histogram.name === me);
}
