/** Per-lumisection histograms stored by ingest (`ls_histogram`) as ML4DQM rows. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import type { LsHistogram } from "../../db/tables/ls-histogram.table";
import type { Ml4dqmRow } from "../histograms/from-ml4dqm-csv";

export function rowFromLsHistogram(r: Pick<LsHistogram, "me_name" | "run_number" | "ls_number" | "x_min" | "x_max" | "contents" | "entries" | "golden" | "dcs">): Ml4dqmRow {
  return {
    run: r.run_number,
    lumi: r.ls_number,
    golden: r.golden,
    // Unknown DCS is not "powered and ready": such rows never count as good training data.
    dcs: r.dcs ?? false,
    histogram: {
      kind: "TH1",
      name: r.me_name,
      title: `${r.me_name} run ${r.run_number} LS ${r.ls_number}`,
      x: { nbins: r.contents.length - 2, min: r.x_min, max: r.x_max },
      contents: Float64Array.from(r.contents),
      entries: r.entries,
    },
  };
}

export async function lsHistogramRows(db: Kysely<Database>, me: string, opts: { runNumber?: number } = {}): Promise<Ml4dqmRow[]> {
  let q = db.selectFrom("ls_histogram").selectAll().where("me_name", "=", me);
  if (opts.runNumber !== undefined) q = q.where("run_number", "=", opts.runNumber);
  const rows = await q.orderBy("run_number").orderBy("ls_number").execute();
  return rows.map(rowFromLsHistogram);
}
