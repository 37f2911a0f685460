/**
 * What is wrong with a trend URL's overlays (`ov`), each with the closest fix and a way to remove
 * the overlay, in the words app/lib/trends-view.ts uses for the main series: an unknown name is
 * answered, never replaced.
 */
import type { SelectionTree } from "../../server/hdqm/selection-tree";
import { formatOverlay, MAX_OVERLAYS, type Overlay, OVERLAY_KEY, overlayDataset, parseOverlay } from "./trends-overlays";
import { closestNames, type ViewProblem } from "./trends-view";

/** The search string with the index-th `ov` replaced (null: removed). */
function withOverlay(params: URLSearchParams, index: number, value: string | null): string {
  const p = new URLSearchParams(params);
  const all = p.getAll(OVERLAY_KEY);
  p.delete(OVERLAY_KEY);
  all.forEach((text, i) => {
    const v = i === index ? value : text;
    if (v !== null) p.append(OVERLAY_KEY, v);
  });
  return p.toString();
}

/**
 * What is wrong with the URL's overlays: a malformed entry, too many, an unknown subsystem,
 * metric, primary dataset or processing string (for the main series' dataset: one the overlay's
 * subsystem does not have). Each problem offers the closest fix and the overlay's removal.
 */
export function overlayProblems(params: URLSearchParams, tree: SelectionTree, main: { primaryDataset: string | null; processingString: string | null }): ViewProblem[] {
  const out: ViewProblem[] = [];
  const texts = params.getAll(OVERLAY_KEY);
  texts.forEach((text, i) => {
    const remove = { label: "remove this overlay", search: withOverlay(params, i, null) };
    const problem = (message: string, fixes: { label: string; value: Overlay }[]) =>
      out.push({ key: OVERLAY_KEY, message, suggestions: [...fixes.map((f) => ({ label: f.label, search: withOverlay(params, i, formatOverlay(f.value)) })), remove] });
    if (i >= MAX_OVERLAYS) {
      if (i === MAX_OVERLAYS) out.push({ key: OVERLAY_KEY, message: `At most ${MAX_OVERLAYS} overlays fit on one chart; ${texts.length - MAX_OVERLAYS} more were asked for.`, suggestions: [remove] });
      return;
    }
    const o = parseOverlay(text);
    if (!o) {
      problem(`The overlay “${text}” is not subsystem:metric or subsystem:metric:primary dataset:processing string.`, []);
      return;
    }
    const subsystem = tree.subsystems.find((s) => s.name === o.subsystem);
    if (!subsystem) {
      const close = closestNames(o.subsystem, tree.subsystems.map((s) => s.name));
      problem(`The overlay names no subsystem “${o.subsystem}”.${close.length ? " Did you mean one of these?" : ""}`, close.map((name) => ({ label: `${name}/${o.metric}`, value: { ...o, subsystem: name } })));
      return;
    }
    if (!subsystem.metrics.some((m) => m.name === o.metric)) {
      const close = closestNames(o.metric, subsystem.metrics.map((m) => m.name));
      problem(`The overlay names no metric “${o.metric}” in ${subsystem.name}.${close.length ? " Did you mean one of these?" : ""}`, close.map((name) => ({ label: `${subsystem.name}/${name}`, value: { ...o, metric: name } })));
      return;
    }
    const { primaryDataset, processingString } = overlayDataset(o, main);
    const pd = subsystem.datasets.find((d) => d.primaryDataset === primaryDataset);
    const inMain = o.primaryDataset === null;
    const choices = subsystem.datasets.flatMap((d) => d.processingStrings.map((p) => ({ pd: d.primaryDataset, ps: p.name })));
    const datasetFixes = (near: string) =>
      closestNames(near, choices.map((c) => `${c.pd}/${c.ps}`)).map((label) => {
        const [p, s] = label.split("/") as [string, string];
        return { label: `${subsystem.name}/${o.metric} in ${p} / ${s}`, value: { ...o, primaryDataset: p, processingString: s } };
      });
    if (!pd) {
      problem(`${subsystem.name} has no primary dataset “${primaryDataset ?? ""}”${inMain ? " (the main series' dataset)" : ""} for the overlay ${o.metric}.`, datasetFixes(`${primaryDataset ?? ""}/${processingString ?? ""}`));
      return;
    }
    if (!pd.processingStrings.some((p) => p.name === processingString)) {
      problem(`${subsystem.name} has no processing string “${processingString ?? ""}” in ${pd.primaryDataset}${inMain ? " (the main series' dataset)" : ""} for the overlay ${o.metric}.`, datasetFixes(`${primaryDataset ?? ""}/${processingString ?? ""}`));
    }
  });
  return out;
}
