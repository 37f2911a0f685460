/**
 * The trend browser's selection tree: subsystem → primary dataset → processing string → metrics.
 * Datasets come from the dataset table (small), metrics from their definitions: every ingest
 * computes the whole catalog, so each ingested (PD, processing string) offers every metric.
 */
import type { Db } from "../../db/pool";
import { metricCatalog } from "../ingest/catalog";
import { ANOMALY_SUBSYSTEM } from "../ml/anomaly-trend";

export interface SelectionTree {
  subsystems: {
    name: string;
    metrics: { name: string; plotTitle: string; yTitle: string; checks: boolean }[];
    /** Entries of the metric configuration refused at load (`dqmflow metrics check`), and why. */
    refused: RefusedMetric[];
    datasets: { primaryDataset: string; processingStrings: { name: string; runs: number; lastRun: number }[] }[];
  }[];
}

export interface RefusedMetric {
  name: string;
  file: string;
  reason: string;
}

/** Refused config entries by subsystem; none when the configuration cannot be read here. */
async function refusedBySubsystem(): Promise<Map<string, RefusedMetric[]>> {
  const out = new Map<string, RefusedMetric[]>();
  let problems;
  try {
    problems = (await metricCatalog()).problems;
  } catch {
    return out;
  }
  for (const p of problems) {
    if (!p.subsystem || !p.entry) continue;
    out.set(p.subsystem, [...(out.get(p.subsystem) ?? []), { name: p.entry, file: p.file, reason: p.message }]);
  }
  return out;
}

export async function selectionTree(db: Db): Promise<SelectionTree> {
  const refused = await refusedBySubsystem();
  const [metrics, datasets] = await Promise.all([
    db.selectFrom("metric_definition").select(["subsystem", "name", "plot_title", "y_title", "checks"]).orderBy("subsystem").orderBy("name").execute(),
    db
      .selectFrom("dataset")
      .select((eb) => ["primary_dataset", "processing_string", eb.fn.countAll<number>().as("runs"), eb.fn.max("run_number").as("last_run")])
      .where("primary_dataset", "!=", "online")
      .groupBy(["primary_dataset", "processing_string"])
      .orderBy("primary_dataset")
      .orderBy("processing_string")
      .execute(),
  ]);
  const pds = new Map<string, { name: string; runs: number; lastRun: number }[]>();
  for (const d of datasets) {
    const list = pds.get(d.primary_dataset) ?? [];
    list.push({ name: d.processing_string, runs: Number(d.runs), lastRun: d.last_run });
    pds.set(d.primary_dataset, list);
  }
  const bySubsystem = new Map<string, SelectionTree["subsystems"][number]["metrics"]>();
  for (const m of metrics) {
    const list = bySubsystem.get(m.subsystem) ?? [];
    list.push({ name: m.name, plotTitle: m.plot_title, yTitle: m.y_title, checks: m.checks !== null });
    bySubsystem.set(m.subsystem, list);
  }
  // Subsystems of the metric configuration first; the anomaly models' derived one last, so the
  // trend page opens on a configured subsystem.
  const ordered = [...bySubsystem].sort(([a], [b]) => Number(a === ANOMALY_SUBSYSTEM) - Number(b === ANOMALY_SUBSYSTEM));
  return {
    subsystems: ordered.map(([name, ms]) => ({
      name,
      metrics: ms,
      refused: refused.get(name) ?? [],
      datasets: [...pds].map(([primaryDataset, processingStrings]) => ({ primaryDataset, processingStrings })),
    })),
  };
}
