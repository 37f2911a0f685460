/**
 * Manual x and y ranges of the trend charts. Blank means automatic; x is typed in the axis' own
 * unit (run, fill, fb⁻¹, hours, or a UTC date and time on the time axis). Applying changes only
 * the URL's view-only keys, so nothing is fetched again.
 */
import { useEffect, useState } from "react";
import { type AxisRanges, noRanges, type TrendView } from "../../lib/trends-url";

const xUnits: Record<TrendView["xAxis"], string> = { run: "run", time: "UTC", fill: "fill", duration: "h", luminosity: "fb⁻¹" };

/** datetime-local text (read as UTC) ↔ ms since the epoch. */
const toUtcText = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().slice(0, 16));
const fromUtcText = (text: string) => Date.parse(`${text}:00Z`);

type Texts = Record<keyof AxisRanges, string>;

function textsOf(view: TrendView): Texts {
  const r = view.range;
  const x = (v: number | null) => (view.xAxis === "time" ? toUtcText(v) : v === null ? "" : String(v));
  return { yMin: r.yMin === null ? "" : String(r.yMin), yMax: r.yMax === null ? "" : String(r.yMax), xMin: x(r.xMin), xMax: x(r.xMax) };
}

const labels: Record<keyof AxisRanges, string> = { yMin: "y from", yMax: "y to", xMin: "x from", xMax: "x to" };

/** The typed ranges, or a message naming the field that is wrong. */
export function readRanges(texts: Texts, timeAxis: boolean): AxisRanges | string {
  const out: AxisRanges = { ...noRanges };
  for (const k of Object.keys(labels) as (keyof AxisRanges)[]) {
    const t = texts[k].trim();
    if (t === "") continue;
    const v = timeAxis && k.startsWith("x") ? fromUtcText(t) : Number(t);
    if (!Number.isFinite(v)) return `${labels[k]}: “${t}” is not ${timeAxis && k.startsWith("x") ? "a date and time" : "a number"}`;
    out[k] = v;
  }
  if (out.yMin !== null && out.yMax !== null && out.yMin >= out.yMax) return "y from must be below y to";
  if (out.xMin !== null && out.xMax !== null && out.xMin >= out.xMax) return "x from must be below x to";
  return out;
}

export function AxisRangeForm({ view, go }: { view: TrendView; go: (v: TrendView) => void }) {
  const key = JSON.stringify([view.range, view.xAxis]);
  const [texts, setTexts] = useState<Texts>(() => textsOf(view));
  const [problem, setProblem] = useState<string | null>(null);
  // Keyed by the range and axis: a navigation that changes them refills the fields.
  useEffect(() => setTexts(textsOf(view)), [key]);
  const timeAxis = view.xAxis === "time";
  const field = (k: keyof AxisRanges, unit: string) => (
    <label className="trend-field" key={k}>
      <span>{labels[k]} <span className="muted">({unit})</span></span>
      <input type={timeAxis && k.startsWith("x") ? "datetime-local" : "text"} inputMode="decimal" value={texts[k]} placeholder="auto" onChange={(e) => setTexts({ ...texts, [k]: e.currentTarget.value })} />
    </label>
  );
  return (
    <form
      className="trend-fieldset"
      aria-label="Axis ranges"
      onSubmit={(e) => {
        e.preventDefault();
        const read = readRanges(texts, timeAxis);
        if (typeof read === "string") return setProblem(read);
        setProblem(null);
        go({ ...view, range: read });
      }}
    >
      <fieldset>
        <legend>Axis ranges <span className="muted">(blank: automatic)</span></legend>
        <div className="trend-pair">{field("yMin", "value")}{field("yMax", "value")}</div>
        <div className="trend-pair">{field("xMin", xUnits[view.xAxis])}{field("xMax", xUnits[view.xAxis])}</div>
        <button type="submit">Apply ranges</button>{" "}
        <button type="button" onClick={() => go({ ...view, range: noRanges })} disabled={Object.values(view.range).every((v) => v === null)}>Automatic</button>
        {problem ? <p role="alert" className="trend-error">{problem}</p> : null}
      </fieldset>
    </form>
  );
}
