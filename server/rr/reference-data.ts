/**
 * RR's reference lists from dqmflow's own records: certification cycles are the reprocessing
 * campaigns (each with its datasets), accepted datasets are the dataset families each run
 * class has produced (primary dataset / processing string per stage) with their run range.
 */
import type { Db } from "../../db/pool";

export async function cycles(db: Db) {
  const rows = await db
    .selectFrom("cert_audit")
    .select(["run_number", "after", "at"])
    .where("kind", "=", "reprocessing-started")
    .orderBy("id")
    .execute();
  const byCampaign = new Map<string, { datasets: { run_number: number; name: string }[]; createdAt: Date }>();
  for (const r of rows) {
    const after = (r.after ?? {}) as { workflowId?: string; dataset?: string };
    const campaign = /-reprocessing-(.+)$/.exec(after.workflowId ?? "")?.[1];
    if (!campaign) continue;
    const c = byCampaign.get(campaign) ?? { datasets: [], createdAt: r.at };
    if (after.dataset) c.datasets.push({ run_number: r.run_number, name: after.dataset });
    byCampaign.set(campaign, c);
  }
  return [...byCampaign.entries()].map(([name, c], i) => ({
    id_cycle: i + 1,
    cycle_name: name,
    cycle_attributes: {},
    deadline: null,
    deleted: false,
    createdAt: c.createdAt.toISOString(),
    datasets: c.datasets,
  }));
}

export async function datasetsAccepted(db: Db) {
  const rows = await db
    .selectFrom("dataset as d")
    .innerJoin("run as r", "r.run_number", "d.run_number")
    .select((eb) => ["r.run_class", "d.stage", "d.primary_dataset", "d.processing_string", eb.fn.min("d.run_number").as("run_from"), eb.fn.max("d.run_number").as("run_to")])
    .where("d.name", "<>", "online")
    .groupBy(["r.run_class", "d.stage", "d.primary_dataset", "d.processing_string"])
    .orderBy("r.run_class")
    .orderBy("d.stage")
    .orderBy("d.primary_dataset")
    .orderBy("d.processing_string")
    .execute();
  return rows.map((r, i) => ({
    id: i + 1,
    name: `${r.run_class} ${r.stage} ${r.primary_dataset}/${r.processing_string}`,
    regexp: `^/${r.primary_dataset.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/${r.processing_string.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/.*$`,
    enabled: true,
    class: r.run_class,
    run_from: r.run_from,
    run_to: r.run_to,
  }));
}
