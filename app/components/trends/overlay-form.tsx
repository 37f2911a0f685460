/**
 * The trend chart's overlays: the ones drawn (each removable, with its error when it could not be
 * drawn) and a form adding a series of any subsystem, metric and dataset from the selection tree.
 * Only the choice is kept here; the view (and so the URL) changes when the expert adds or removes one.
 */
import { useState } from "react";
import type { SelectionTree } from "../../../server/hdqm/selection-tree";
import { formatOverlay, MAX_OVERLAYS, type Overlay, overlayLabel } from "../../lib/trends-overlays";

interface Props {
  tree: SelectionTree;
  overlays: readonly Overlay[];
  /** Per overlay, why it is not drawn (null: drawn). */
  errors: readonly (string | null)[];
  /** The main series' subsystem: the form starts there. */
  subsystem: string | null;
  onChange: (overlays: Overlay[]) => void;
}

/** "" stands for the main series' dataset. */
const SAME_DATASET = "";

export function OverlayForm({ tree, overlays, errors, subsystem, onChange }: Props) {
  const [ss, setSs] = useState(subsystem ?? tree.subsystems[0]?.name ?? "");
  const chosen = tree.subsystems.find((s) => s.name === ss) ?? tree.subsystems[0];
  const [metric, setMetric] = useState("");
  const [dataset, setDataset] = useState(SAME_DATASET);
  const metricName = chosen?.metrics.some((m) => m.name === metric) ? metric : (chosen?.metrics[0]?.name ?? "");
  const datasets = chosen ? chosen.datasets.flatMap((d) => d.processingStrings.map((p) => `${d.primaryDataset}:${p.name}`)) : [];
  const datasetChoice = datasets.includes(dataset) ? dataset : SAME_DATASET;
  const full = overlays.length >= MAX_OVERLAYS;
  const add = () => {
    if (!chosen || !metricName) return;
    const [pd, ps] = datasetChoice === SAME_DATASET ? [null, null] : (datasetChoice.split(":") as [string, string]);
    const next: Overlay = { subsystem: chosen.name, metric: metricName, primaryDataset: pd, processingString: ps };
    if (overlays.some((o) => formatOverlay(o) === formatOverlay(next))) return;
    onChange([...overlays, next]);
  };
  return (
    <section className="trend-overlays" aria-label="Overlays">
      {overlays.length ? (
        <ul className="trend-overlay-list">
          {overlays.map((o, i) => (
            <li key={formatOverlay(o)}>
              <span>{overlayLabel(o)}</span>
              {errors[i] ? <span role="alert" className="trend-error"> not drawn: {errors[i]}</span> : null}
              <button type="button" onClick={() => onChange(overlays.filter((_, k) => k !== i))} aria-label={`Remove overlay ${overlayLabel(o)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="trend-picker"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <span className="muted">Overlay a series</span>
        <label>
          {/* Not "subsystem": the selection panel's control has that name. */}
          from{" "}
          <select value={chosen?.name ?? ""} onChange={(e) => setSs(e.currentTarget.value)} aria-label="Overlay from">
            {tree.subsystems.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
          </select>
        </label>
        <label>
          metric{" "}
          <select value={metricName} onChange={(e) => setMetric(e.currentTarget.value)} aria-label="Overlay metric">
            {chosen?.metrics.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
          </select>
        </label>
        <label>
          in{" "}
          <select value={datasetChoice} onChange={(e) => setDataset(e.currentTarget.value)} aria-label="Overlay dataset">
            <option value={SAME_DATASET}>the chart&apos;s dataset</option>
            {datasets.map((d) => <option key={d} value={d}>{d.replace(":", " / ")}</option>)}
          </select>
        </label>
        <button type="submit" disabled={full || !metricName} title={full ? `At most ${MAX_OVERLAYS} overlays on one chart` : undefined}>
          Add overlay
        </button>
        {full ? <span className="muted">At most {MAX_OVERLAYS} overlays on one chart: remove one to add another.</span> : null}
      </form>
    </section>
  );
}
