/**
 * The trend browser's controls: subsystem → primary dataset → processing string, metric search
 * and choice, runs (latest N, range, list, golden JSON file), x axis and options. Every change
 * becomes a new URL through `go`; text fields apply on Enter or with their button.
 */
import { useEffect, useState } from "react";
import type { SelectionTree } from "../../../server/hdqm/selection-tree";
import { browserTrpc } from "../../lib/trpc-browser";
import { encodeGolden, MAX_INLINE_GOLDEN, parseRunList, readGoldenJson, type RunChoice, runListJunk, trendQuantities, type TrendQuantityName, trendXAxes, type TrendView, type TrendXAxisName } from "../../lib/trends-url";
import { switchSubsystem } from "../../lib/trends-view";
import { MAX_TREND_RUNS } from "../../../server/hdqm/trend-limits";
import { AxisRangeForm } from "./axis-range-form";

const axisLabels: Record<TrendXAxisName, string> = { run: "Run number", time: "Run start time", fill: "LHC fill", duration: "Cumulative duration (h)", luminosity: "Integrated luminosity (fb⁻¹)" };
const quantityLabels: Record<TrendQuantityName, string> = { recordedLumi: "Recorded luminosity", deliveredLumi: "Delivered luminosity", durationS: "Run duration", fill: "LHC fill number", certifiedFraction: "Certified fraction (golden JSON)" };

interface Props {
  tree: SelectionTree;
  view: TrendView;
  go: (view: TrendView) => void;
  onSearch: (text: string) => void;
}

function RunsChooser({ view, go }: Pick<Props, "view" | "go">) {
  const runs = view.runs;
  const [kind, setKind] = useState<RunChoice["kind"]>(runs.kind);
  const [n, setN] = useState(runs.kind === "latest" ? String(runs.n) : "500");
  const [from, setFrom] = useState(runs.kind === "range" ? String(runs.from) : "");
  const [to, setTo] = useState(runs.kind === "range" ? String(runs.to) : "");
  const [list, setList] = useState(runs.kind === "list" ? runs.runs.join(", ") : "");
  const [problem, setProblem] = useState<string | null>(null);
  const key = JSON.stringify(runs);
  useEffect(() => {
    const r = JSON.parse(key) as RunChoice;
    setKind(r.kind);
    if (r.kind === "latest") setN(String(r.n));
    if (r.kind === "range") [setFrom, setTo].forEach((set, i) => set(String(i ? r.to : r.from)));
    if (r.kind === "list") setList(r.runs.join(", "));
    setProblem(null);
  }, [key]);

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (kind === "latest") {
      const v = Number(n);
      if (!Number.isInteger(v) || v < 1 || v > MAX_TREND_RUNS) return setProblem(`N must be a whole number from 1 to ${MAX_TREND_RUNS.toLocaleString("en-US")}`);
      go({ ...view, runs: { kind, n: v }, point: null });
    } else if (kind === "range") {
      const a = Number(from);
      const b = Number(to);
      if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < 1) return setProblem("give the first and last run numbers");
      go({ ...view, runs: { kind, from: Math.min(a, b), to: Math.max(a, b) }, point: null });
    } else if (kind === "list") {
      const junk = runListJunk(list);
      if (junk.length) return setProblem(`not run numbers: ${junk.slice(0, 5).map((j) => `“${j}”`).join(", ")}${junk.length > 5 ? " …" : ""}; separate runs with commas, spaces or new lines`);
      const parsed = parseRunList(list);
      if (!parsed.length) return setProblem("list at least one run number");
      go({ ...view, runs: { kind, runs: parsed }, point: null });
    }
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const read = readGoldenJson(await file.text());
    if (typeof read === "string") return setProblem(`${file.name}: ${read}`);
    setProblem(null);
    if (encodeGolden(read).length <= MAX_INLINE_GOLDEN) return go({ ...view, runs: { kind: "golden", json: read }, point: null });
    // Too long for a URL: kept server-side, the URL carries its code.
    try {
      const { code } = await browserTrpc().selections.storeGolden.mutate({ json: read });
      go({ ...view, runs: { kind: "golden", json: read, stored: code }, point: null });
    } catch (err) {
      setProblem(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <form onSubmit={apply} className="trend-fieldset" aria-label="Runs">
      <fieldset>
        <legend>Runs</legend>
        <label className="trend-field">
          <span>Choose runs by</span>
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as RunChoice["kind"])}>
            <option value="latest">Latest N</option>
            <option value="range">Run range</option>
            <option value="list">List of runs</option>
            <option value="golden">Golden JSON file</option>
          </select>
        </label>
        {kind === "latest" ? (
          <label className="trend-field">
            <span>Number of latest runs</span>
            <input type="number" min={1} max={20000} value={n} onChange={(e) => setN(e.currentTarget.value)} />
          </label>
        ) : kind === "range" ? (
          <div className="trend-pair">
            <label className="trend-field"><span>First run</span><input type="number" min={1} value={from} onChange={(e) => setFrom(e.currentTarget.value)} /></label>
            <label className="trend-field"><span>Last run</span><input type="number" min={1} value={to} onChange={(e) => setTo(e.currentTarget.value)} /></label>
          </div>
        ) : kind === "list" ? (
          <label className="trend-field">
            <span>Run numbers</span>
            <textarea rows={3} value={list} placeholder="297050, 297056 …" onChange={(e) => setList(e.currentTarget.value)} />
          </label>
        ) : (
          <label className="trend-field">
            <span>Golden JSON file</span>
            <input type="file" accept=".json,.txt,application/json" onChange={(e) => void upload(e.currentTarget.files?.[0])} />
            {runs.kind === "golden" ? <small className="muted">{Object.keys(runs.json).length} runs in the golden JSON; lumisection ranges count</small> : null}
          </label>
        )}
        {kind !== "golden" ? <button type="submit">Apply runs</button> : null}
        {problem ? <p role="alert" className="trend-error">{problem}</p> : null}
      </fieldset>
    </form>
  );
}

export function SelectionPanel({ tree, view, go, onSearch }: Props) {
  const subsystem = tree.subsystems.find((s) => s.name === view.subsystem);
  const pd = subsystem?.datasets.find((d) => d.primaryDataset === view.primaryDataset);
  const needle = view.search.trim().toLowerCase();
  const matches = (m: { name: string; plotTitle: string }) => !needle || m.name.toLowerCase().includes(needle) || m.plotTitle.toLowerCase().includes(needle);
  const all = subsystem?.metrics ?? [];
  const matching = all.filter(matches).length;
  // Chosen metrics stay in the list whatever the filter, so they can always be taken off.
  const metrics = all.filter((m) => matches(m) || view.metrics.includes(m.name));
  const toggle = (name: string, on: boolean) => {
    const next = on ? [...view.metrics, name] : view.metrics.filter((m) => m !== name);
    if (next.length && next.length <= 10) go({ ...view, metrics: next, correlation: view.correlation && next.length >= 2 });
  };
  return (
    <aside className="trend-panel" aria-label="Trend selection">
      <fieldset>
        <legend>Data</legend>
        <label className="trend-field">
          <span>Subsystem</span>
          <select value={view.subsystem ?? ""} onChange={(e) => go(switchSubsystem(view, tree, e.currentTarget.value))}>
            {tree.subsystems.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
          </select>
        </label>
        <label className="trend-field">
          <span>Primary dataset</span>
          <select value={view.primaryDataset ?? ""} onChange={(e) => go({ ...view, primaryDataset: e.currentTarget.value, processingString: null, point: null })}>
            {(subsystem?.datasets ?? []).map((d) => <option key={d.primaryDataset} value={d.primaryDataset}>{d.primaryDataset}</option>)}
          </select>
        </label>
        <label className="trend-field">
          <span>Processing string</span>
          <select value={view.processingString ?? ""} onChange={(e) => go({ ...view, processingString: e.currentTarget.value, point: null })}>
            {(pd?.processingStrings ?? []).map((p) => <option key={p.name} value={p.name}>{p.name} ({p.runs} runs, last {p.lastRun})</option>)}
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>Metrics <span className="muted">({view.metrics.length} selected, up to 10 overlaid)</span></legend>
        <label className="trend-field">
          <span>Search metrics</span>
          <input type="search" value={view.search} placeholder="name or title" onChange={(e) => onSearch(e.currentTarget.value)} />
        </label>
        <p className="muted trend-count" aria-live="polite">{matching} of {all.length} metrics match</p>
        {matching === 0 ? <p className="trend-empty">No metric matches “{view.search}”.</p> : null}
        <ul className="trend-metrics" aria-label="Metrics">
          {metrics.map((m) => (
            <li key={m.name}>
              <label title={`${m.plotTitle} — ${m.yTitle}`}>
                <input type="checkbox" checked={view.metrics.includes(m.name)} onChange={(e) => toggle(m.name, e.currentTarget.checked)} />
                <span>{m.name}</span>
              </label>
            </li>
          ))}
        </ul>
        {subsystem?.refused.length ? (
          <details className="trend-refused">
            <summary>{subsystem.refused.length} metrics of {subsystem.name} failed to load</summary>
            <ul aria-label="Metrics that failed to load">
              {subsystem.refused.map((r) => (
                <li key={`${r.file}/${r.name}`}>
                  <strong>{r.name}</strong> <span className="muted">({r.file}): {r.reason}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </fieldset>

      <RunsChooser view={view} go={go} />

      <fieldset>
        <legend>Display</legend>
        <label className="trend-check">
          <input type="checkbox" checked={view.grid} onChange={(e) => go({ ...view, grid: e.currentTarget.checked, fullScreen: null, point: null })} /> All metrics of {view.subsystem ?? "the subsystem"} as a grid
        </label>
        <label className="trend-field">
          <span>x axis</span>
          <select value={view.xAxis} onChange={(e) => go({ ...view, xAxis: e.currentTarget.value as TrendXAxisName })}>
            {trendXAxes.map((a) => <option key={a} value={a}>{axisLabels[a]}</option>)}
          </select>
        </label>
        <label className="trend-check"><input type="checkbox" checked={view.errorBars} onChange={(e) => go({ ...view, errorBars: e.currentTarget.checked })} /> Error bars</label>
        <label className="trend-check"><input type="checkbox" checked={view.fillBands} onChange={(e) => go({ ...view, fillBands: e.currentTarget.checked })} /> Fill bands</label>
        <label className="trend-check"><input type="checkbox" checked={view.includeAll} onChange={(e) => go({ ...view, includeAll: e.currentTarget.checked })} /> Include non-significant runs</label>
        <label className="trend-check">
          <input type="checkbox" checked={view.correlation} disabled={view.metrics.length < 2} onChange={(e) => go({ ...view, correlation: e.currentTarget.checked })} /> Correlation of the first 2–3 metrics
        </label>
        <label className="trend-field">
          <span>Run metadata trend</span>
          <select value={view.quantity ?? ""} onChange={(e) => go({ ...view, quantity: (e.currentTarget.value || null) as TrendQuantityName | null })}>
            <option value="">none</option>
            {trendQuantities.map((q) => <option key={q} value={q}>{quantityLabels[q]}</option>)}
          </select>
        </label>
      </fieldset>
      <AxisRangeForm view={view} go={go} />
    </aside>
  );
}
