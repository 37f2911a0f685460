/**
 * The lumisection timeline: one row per component with its flags in force over the run's
 * lumisections, then the beam bits and each DCS partition's ready bit from OMS. Dragging across
 * the rows chooses a range of lumisections: it is written to the URL (`first`, `last`, and
 * `component` when the drag started on a component's row), where the flag editor below picks it
 * up, and the range is summarised (how many lumisections, with stable beams, with every DCS bit).
 */
import { useSearchParams } from "@remix-run/react";
import { useRef, useState } from "react";
import type { RunSheetLumisection } from "../../../server/overview/run-sheet.query";

export interface TimelineFlag {
  readonly component: string;
  readonly firstLs: number;
  readonly lastLs: number;
  readonly status: string;
}

export interface Segment {
  readonly first: number;
  readonly last: number;
  readonly value: string;
}

/** Consecutive lumisections with the same value as one segment. */
export function segments(lumis: readonly RunSheetLumisection[], valueOf: (l: RunSheetLumisection) => string): Segment[] {
  const out: Segment[] = [];
  for (const l of lumis) {
    const v = valueOf(l);
    const prev = out[out.length - 1];
    if (prev && prev.value === v && prev.last === l.ls - 1) out[out.length - 1] = { ...prev, last: l.ls };
    else out.push({ first: l.ls, last: l.ls, value: v });
  }
  return out;
}

const bit = (b: boolean | null | undefined) => (b === true ? "on" : b === false ? "off" : "unknown");

export interface Selection {
  readonly first: number;
  readonly last: number;
}

/** What the chosen lumisections hold, in a sentence. */
export function selectionSummary(sel: Selection, lumis: readonly RunSheetLumisection[]): string {
  const inside = lumis.filter((l) => l.ls >= sel.first && l.ls <= sel.last);
  const n = sel.last - sel.first + 1;
  const stable = inside.filter((l) => l.beam1 === true && l.beam2 === true).length;
  const dcsOn = inside.filter((l) => Object.keys(l.dcs).length > 0 && Object.values(l.dcs).every(Boolean)).length;
  const range = sel.first === sel.last ? `LS ${sel.first}` : `LS ${sel.first}–${sel.last}`;
  if (inside.length === 0) return `${range} chosen (${n} lumisection${n === 1 ? "" : "s"}; OMS sent no lumisection data for them)`;
  return `${range} chosen: ${n} lumisection${n === 1 ? "" : "s"}, ${stable} with both beams stable, ${dcsOn} with every DCS bit on`;
}

function Track({ label, segs, lsCount, kind }: { label: string; segs: readonly Segment[]; lsCount: number; kind: "flag" | "bit" }) {
  return (
    <>
      <div className="lst-label" title={label}>{label}</div>
      <div className="lst-track" data-row={label}>
        {segs.map((s) => (
          <span
            key={`${s.first}-${s.value}`}
            className={`lst-seg lst-${kind}-${s.value}`}
            style={{ left: `${((s.first - 1) / lsCount) * 100}%`, width: `${((s.last - s.first + 1) / lsCount) * 100}%` }}
            title={`${label}: ${s.value} in LS ${s.first}${s.last > s.first ? `–${s.last}` : ""}`}
          />
        ))}
      </div>
    </>
  );
}

export function LsTimeline({ lsCount, flags, lumisections, dataset }: { lsCount: number; flags: readonly TimelineFlag[]; lumisections: readonly RunSheetLumisection[]; dataset: string | null }) {
  const [params, setParams] = useSearchParams();
  const area = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number; component: string | null } | null>(null);
  if (lsCount < 1) return null;
  const lsAt = (clientX: number): number => {
    const tracks = area.current?.querySelector(".lst-track");
    if (!tracks) return 1;
    const box = tracks.getBoundingClientRect();
    const f = (clientX - box.left) / box.width;
    return Math.min(lsCount, Math.max(1, Math.floor(f * lsCount) + 1));
  };
  const rowAt = (target: EventTarget | null): string | null => (target instanceof HTMLElement ? target.closest<HTMLElement>(".lst-track")?.dataset.row ?? null : null);
  const fromUrl = (() => {
    const first = Number(params.get("first"));
    const last = Number(params.get("last"));
    return Number.isInteger(first) && Number.isInteger(last) && first >= 1 && last >= first && last <= lsCount ? { first, last } : null;
  })();
  const shown: Selection | null = drag ? { first: Math.min(drag.from, drag.to), last: Math.max(drag.from, drag.to) } : fromUrl;
  const components = [...new Set(flags.map((f) => f.component))];
  const choose = (sel: Selection, component: string | null) => {
    const q = new URLSearchParams(params);
    q.set("first", String(sel.first));
    q.set("last", String(sel.last));
    if (component && components.includes(component)) q.set("component", component);
    setParams(q, { preventScrollReset: true, replace: true });
  };
  const dcsParts = [...new Set(lumisections.flatMap((l) => Object.keys(l.dcs)))].sort();
  return (
    <section className="cert-section wide" aria-label="Lumisection timeline">
      <h2>Lumisections {dataset ? <span className="muted">flags of {dataset}</span> : null}</h2>
      <p className="muted lst-help">Drag across the rows to choose lumisections; the flag editor below takes the range (and the component whose row you started on).</p>
      <div
        className="lst-grid"
        ref={area}
        role="group"
        aria-label={`Lumisections 1 to ${lsCount}: flags per component, beam and DCS bits`}
        onPointerDown={(e) => {
          if (e.button !== 0 || !rowAt(e.target)) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          const ls = lsAt(e.clientX);
          setDrag({ from: ls, to: ls, component: rowAt(e.target) });
        }}
        onPointerMove={(e) => {
          if (drag) setDrag({ ...drag, to: lsAt(e.clientX) });
        }}
        onPointerUp={(e) => {
          if (!drag) return;
          const to = lsAt(e.clientX);
          setDrag(null);
          choose({ first: Math.min(drag.from, to), last: Math.max(drag.from, to) }, drag.component);
        }}
      >
        <div className="lst-label lst-axis-label">LS</div>
        <div className="lst-axis">
          <span>1</span>
          <span>{Math.ceil(lsCount / 2)}</span>
          <span>{lsCount}</span>
        </div>
        {components.map((c) => (
          <Track key={c} label={c} lsCount={lsCount} kind="flag" segs={flags.filter((f) => f.component === c).map((f) => ({ first: f.firstLs, last: f.lastLs, value: f.status }))} />
        ))}
        <Track label="beam 1 stable" lsCount={lsCount} kind="bit" segs={segments(lumisections, (l) => bit(l.beam1))} />
        <Track label="beam 2 stable" lsCount={lsCount} kind="bit" segs={segments(lumisections, (l) => bit(l.beam2))} />
        {dcsParts.map((p) => (
          <Track key={p} label={`DCS ${p}`} lsCount={lsCount} kind="bit" segs={segments(lumisections, (l) => bit(l.dcs[p]))} />
        ))}
        {shown ? (
          <div className="lst-selection" aria-hidden="true" style={{ left: `calc(var(--lst-label) + (100% - var(--lst-label)) * ${(shown.first - 1) / lsCount})`, width: `calc((100% - var(--lst-label)) * ${(shown.last - shown.first + 1) / lsCount})` }} />
        ) : null}
      </div>
      <p className="lst-legend muted">
        <span className="lst-key lst-flag-GOOD" /> GOOD <span className="lst-key lst-flag-BAD" /> BAD <span className="lst-key lst-flag-STANDBY" /> STANDBY / EXCLUDED <span className="lst-key lst-flag-UNKNOWN" /> no status ·{" "}
        <span className="lst-key lst-bit-on" /> bit on <span className="lst-key lst-bit-off" /> off <span className="lst-key lst-bit-unknown" /> not reported
      </p>
      {shown ? (
        <p role="status" className="lst-chosen">
          {selectionSummary(shown, lumisections)}
          {!drag && fromUrl ? <> · <a href="#flags">set their flag</a></> : null}
        </p>
      ) : null}
    </section>
  );
}

/** The timeline of the dataset the page shows flags for (`dataset` in the URL, else the first). */
export function RunLsTimeline({ lsCount, flags, lumisections }: { lsCount: number; flags: readonly { dataset: string; effective: readonly TimelineFlag[] }[]; lumisections: readonly RunSheetLumisection[] }) {
  const [params] = useSearchParams();
  const shown = flags.find((f) => f.dataset === params.get("dataset")) ?? flags[0] ?? null;
  return <LsTimeline lsCount={lsCount} flags={shown?.effective ?? []} lumisections={lumisections} dataset={shown?.dataset ?? null} />;
}
