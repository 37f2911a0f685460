/**
 * Completes a view from the selection tree (the URL may leave the subsystem, dataset or metrics
 * open) and names what a URL asked for that does not exist, with the closest names that do:
 * an unknown name is answered, never silently replaced.
 */
import type { SelectionTree } from "../../server/hdqm/selection-tree";
import { trendXAxes, finiteNumber, METRIC, rangeKeys, runListJunk, trendQuantities, type TrendView } from "./trends-url";
import { editDistance } from "../../server/text/edit-distance";

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

/**
 * The view after choosing another subsystem: the dataset, processing string, runs and display
 * stay when the new subsystem has them; metrics of the same name stay too.
 */
export function switchSubsystem(view: TrendView, tree: SelectionTree, name: string): TrendView {
  const subsystem = tree.subsystems.find((s) => s.name === name);
  if (!subsystem) return view;
  const pd = subsystem.datasets.find((d) => d.primaryDataset === view.primaryDataset) ?? subsystem.datasets[0];
  const ps = pd?.processingStrings.find((p) => p.name === view.processingString) ?? pd?.processingStrings[0];
  const known = new Set(subsystem.metrics.map((m) => m.name));
  const metrics = view.metrics.filter((m) => known.has(m));
  return { ...view, subsystem: name, primaryDataset: pd?.primaryDataset ?? null, processingString: ps?.name ?? null, metrics, point: null, correlation: view.correlation && metrics.length >= 2, fullScreen: null };
}

export interface ViewProblem {
  /** The URL parameter that was wrong. */
  key: string;
  message: string;
  /** Links to the closest valid views: a label and the whole search string. */
  suggestions: { label: string; search: string }[];
}

/** Up to three known names closest to `asked`: same letters in another case, containing it, or a few edits away. */
export function closestNames(asked: string, known: readonly string[], limit = 3): string[] {
  const a = asked.toLowerCase();
  const scored = known.map((name) => {
    const n = name.toLowerCase();
    const score = n === a ? 0 : n.includes(a) || a.includes(n) ? 1 : 2 + editDistance(a, n) / Math.max(a.length, n.length);
    return { name, score };
  });
  return scored
    .filter((s) => s.score < 2.5)
    .sort((x, y) => x.score - y.score || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map((s) => s.name);
}

function withParam(params: URLSearchParams, key: string, value: string | null): string {
  const p = new URLSearchParams(params);
  if (value === null) p.delete(key);
  else p.set(key, value);
  return p.toString();
}

function nameProblem(params: URLSearchParams, key: string, what: string, asked: string, known: readonly string[], inside: string): ViewProblem {
  const close = closestNames(asked, known);
  const message = known.length ? `There is no ${what} “${asked}”${inside}.${close.length ? " Did you mean one of these?" : ` Choose one of the ${known.length} ${what}s on the left.`}` : `There is no ${what} “${asked}”${inside}, and none to choose from.`;
  return { key, message, suggestions: close.map((name) => ({ label: name, search: withParam(params, key, name) })) };
}

/** What in the URL names nothing that exists or is not a valid value, each with a way to a valid view. */
export function viewProblems(params: URLSearchParams, tree: SelectionTree): ViewProblem[] {
  const out: ViewProblem[] = [];
  const ss = params.get("ss");
  const subsystem = ss ? tree.subsystems.find((s) => s.name === ss) : tree.subsystems[0];
  if (ss && !subsystem) out.push(nameProblem(params, "ss", "subsystem", ss, tree.subsystems.map((s) => s.name), ""));
  if (subsystem) {
    const pdName = params.get("pd");
    const pd = pdName ? subsystem.datasets.find((d) => d.primaryDataset === pdName) : subsystem.datasets[0];
    if (pdName && !pd) out.push(nameProblem(params, "pd", "primary dataset", pdName, subsystem.datasets.map((d) => d.primaryDataset), ` for ${subsystem.name}`));
    const psName = params.get("ps");
    if (pd && psName && !pd.processingStrings.some((p) => p.name === psName)) out.push(nameProblem(params, "ps", "processing string", psName, pd.processingStrings.map((p) => p.name), ` in ${pd.primaryDataset}`));
    const asked = params.getAll("m").flatMap((m) => m.split(",")).filter((m) => m !== "");
    const known = subsystem.metrics.map((m) => m.name);
    for (const m of asked) {
      if (known.includes(m)) continue;
      const problem = nameProblem(params, "m", "metric", m, known, ` in ${subsystem.name}`);
      // A suggestion replaces only this metric in the list.
      problem.suggestions = closestNames(m, known).map((name) => ({ label: name, search: withParam(params, "m", asked.map((x) => (x === m ? name : x)).filter((x, i, all) => METRIC.test(x) && all.indexOf(x) === i).join(",")) }));
      out.push(problem);
    }
  }
  const x = params.get("x");
  if (x && !(trendXAxes as readonly string[]).includes(x)) out.push({ key: "x", message: `“${x}” is not an x axis; the axes are ${trendXAxes.join(", ")}.`, suggestions: [{ label: "by run number", search: withParam(params, "x", null) }] });
  const rq = params.get("rq");
  if (rq && !(trendQuantities as readonly string[]).includes(rq)) out.push({ key: "rq", message: `“${rq}” is not a run quantity; they are ${trendQuantities.join(", ")}.`, suggestions: [{ label: "no run quantity", search: withParam(params, "rq", null) }] });
  const sel = params.get("sel");
  if (sel === "list") {
    const junk = runListJunk(params.get("list") ?? "");
    if (junk.length) {
      const kept = (params.get("list") ?? "").split(/[\s,;_]+/).filter((t) => t !== "" && !junk.includes(t));
      out.push({
        key: "list",
        message: `The run list has ${junk.length === 1 ? "an entry that is not a run number" : `${junk.length} entries that are not run numbers`}: ${junk.slice(0, 5).map((j) => `“${j}”`).join(", ")}${junk.length > 5 ? " …" : ""}.`,
        suggestions: kept.length ? [{ label: `show the ${kept.length} valid run${kept.length === 1 ? "" : "s"}`, search: withParam(params, "list", kept.join("_")) }] : [],
      });
    }
  } else if (sel === "range" && (!/^\d{1,9}$/.test(params.get("from") ?? "") || !/^\d{1,9}$/.test(params.get("to") ?? ""))) {
    out.push({ key: "from", message: `A run range needs a first and a last run number (got “${params.get("from") ?? ""}” to “${params.get("to") ?? ""}”).`, suggestions: [] });
  } else if (sel !== null && sel !== "golden" && sel !== "list" && sel !== "range") {
    out.push({ key: "sel", message: `“${sel}” is not a way to choose runs (latest, range, list or golden).`, suggestions: [{ label: "latest runs", search: withParam(params, "sel", null) }] });
  }
  const n = params.get("n");
  if (n !== null && !/^\d{1,9}$/.test(n.trim())) out.push({ key: "n", message: `“${n}” is not a number of runs.`, suggestions: [{ label: "latest 500 runs", search: withParam(params, "n", null) }] });
  for (const key of Object.values(rangeKeys)) {
    const v = params.get(key);
    if (v !== null && v.trim() !== "" && finiteNumber(v) === null) out.push({ key, message: `The axis limit ${key} = “${v}” is not a number.`, suggestions: [{ label: "automatic range", search: withParam(params, key, null) }] });
  }
  return out;
}
