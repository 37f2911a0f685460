/** Keyboard way to a point's details (the chart itself takes mouse clicks): a run and a metric. */
import { useEffect, useState } from "react";

interface Props {
  metrics: readonly string[];
  current: { run: number; metric: string } | null;
  onOpen: (run: number, metric: string) => void;
}

export function PointPicker({ metrics, current, onOpen }: Props) {
  const [run, setRun] = useState(current ? String(current.run) : "");
  const [metric, setMetric] = useState(current?.metric ?? metrics[0] ?? "");
  useEffect(() => {
    if (current) {
      setRun(String(current.run));
      setMetric(current.metric);
    }
  }, [current]);
  if (!metrics.length) return null;
  const chosen = metrics.includes(metric) ? metric : metrics[0]!;
  return (
    <form
      className="trend-picker"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(run);
        if (Number.isInteger(n) && n > 0) onOpen(n, chosen);
      }}
    >
      <span className="muted">Click a point, or:</span>
      <label>
        Run <input type="number" min={1} required value={run} onChange={(e) => setRun(e.currentTarget.value)} />
      </label>
      {metrics.length > 1 ? (
        <label>
          Metric{" "}
          <select value={chosen} onChange={(e) => setMetric(e.currentTarget.value)}>
            {metrics.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
      ) : null}
      <button type="submit">Show point details</button>
    </form>
  );
}
