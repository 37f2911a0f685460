/** Completes a view from the selection tree (the URL may leave the subsystem, dataset or metrics open). */
import type { SelectionTree } from "../../server/hdqm/selection-tree";
import type { TrendView } from "./trends-url";

/** Fills what the URL left open from the tree: first subsystem, dataset and metric. */
export function resolveView(asked: TrendView, tree: SelectionTree): TrendView {
  const subsystem = tree.subsystems.find((s) => s.name === asked.subsystem) ?? tree.subsystems[0];
  if (!subsystem) return { ...asked, subsystem: null, primaryDataset: null, processingString: null, metrics: [] };
  const pd = subsystem.datasets.find((d) => d.primaryDataset === asked.primaryDataset) ?? subsystem.datasets[0];
  const ps = pd?.processingStrings.find((p) => p.name === asked.processingString) ?? pd?.processingStrings[0];
  const known = new Set(subsystem.metrics.map((m) => m.name));
  const metrics = asked.metrics.filter((m) => known.has(m));
  const first = subsystem.metrics[0]?.name;
  return {
    ...asked,
    subsystem: subsystem.name,
    primaryDataset: pd?.primaryDataset ?? null,
    processingString: ps?.name ?? null,
    metrics: metrics.length ? metrics : first ? [first] : [],
  };
}

