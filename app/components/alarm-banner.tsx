/**
 * The shift's alarm banner: unacknowledged alarms (comparisons in ERROR, failed comparisons,
 * missed sign-off deadlines) grouped per run and, inside a run, per cause; each run a compact
 * line that opens to its alarms, the whole list collapsible and never taller than a few lines
 * (the board or overview below stays on the first screen); acknowledgement per alarm, per run or
 * all (shifter role); the audible alarm, which the shifter enables and which sounds only for new
 * alarms (alarm-sound.tsx). It polls the API itself, so any page can include it: `<AlarmBanner />`,
 * or `<AlarmBanner initial={alarms} />` with alarms from the page's loader.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { acknowledge, fetchAlarms, type ShiftAlarm } from "../lib/alarm-api";
import { plainMessage } from "../lib/plain-message";
import { utcTime } from "../lib/utc-time";
import type { loader as rootLoader } from "../root";
import { useAlarmSound } from "./alarm-sound";

const POLL_MS = 4000;

const kindLabel: Record<ShiftAlarm["kind"], string> = {
  "comparison-error": "comparison ERROR",
  "comparison-failed": "comparison failed",
  "deadline-missed": "deadline missed",
};

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The alarm list, refreshed every few seconds; `runs` restricts it to those runs. */
function useShiftAlarms(initial: readonly ShiftAlarm[] | undefined, runs?: readonly number[]) {
  const [alarms, setAlarms] = useState<readonly ShiftAlarm[] | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  const runKey = runs?.join(",");
  const refresh = useCallback(async () => {
    try {
      setAlarms(await fetchAlarms(runKey === undefined ? undefined : runKey.split(",").filter(Boolean).map(Number)));
      setError(null);
    } catch (err) {
      setError(`The alarms could not be refreshed (${errorText(err)}); the list shows the last ones received and is retried every ${POLL_MS / 1000} s.`);
    }
  }, [runKey]);
  useEffect(() => {
    if (!initial) void refresh();
    const id = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(id);
  }, [refresh, initial]);
  return { alarms, setAlarms, error, setError, refresh };
}

export interface RunAlarms {
  readonly runNumber: number;
  /** Newest first. */
  readonly alarms: readonly ShiftAlarm[];
  /** Per cause (alarm kind): how many, in the order causes first appear. */
  readonly causes: readonly { readonly kind: ShiftAlarm["kind"]; readonly count: number }[];
  readonly latest: string;
}

/** Alarms per run, the run with the newest alarm first; inside a run, grouped by cause. */
export function groupByRun(alarms: readonly ShiftAlarm[]): RunAlarms[] {
  const byRun = new Map<number, ShiftAlarm[]>();
  for (const a of alarms) byRun.set(a.runNumber, [...(byRun.get(a.runNumber) ?? []), a]);
  const groups = [...byRun].map(([runNumber, list]) => {
    const sorted = [...list].sort((x, y) => x.kind.localeCompare(y.kind) || y.raisedAt.localeCompare(x.raisedAt));
    const causes = new Map<ShiftAlarm["kind"], number>();
    for (const a of sorted) causes.set(a.kind, (causes.get(a.kind) ?? 0) + 1);
    const latest = list.reduce((m, a) => (a.raisedAt > m ? a.raisedAt : m), "");
    return { runNumber, alarms: sorted, causes: [...causes].map(([kind, count]) => ({ kind, count })), latest };
  });
  return groups.sort((x, y) => y.latest.localeCompare(x.latest) || y.runNumber - x.runNumber);
}

function AlarmItem({ alarm, canAck, onAck, busy }: { alarm: ShiftAlarm; canAck: boolean; onAck: (keys: string[]) => void; busy: boolean }) {
  return (
    <li className={`alarm-item alarm-${alarm.kind}`} data-alarm-key={alarm.key}>
      <span className="alarm-kind">{kindLabel[alarm.kind]}</span>
      <span className="alarm-text">
        <a href={`/runs/${alarm.runNumber}`}>{alarm.title}</a>
        <span className="alarm-detail" title={plainMessage(alarm.detail)}>{plainMessage(alarm.detail)}</span>
      </span>
      <time dateTime={alarm.raisedAt}>{utcTime(alarm.raisedAt)}</time>
      {alarm.acknowledged ? (
        <span className="alarm-ack">
          acknowledged by <strong>{alarm.acknowledged.by}</strong> at {utcTime(alarm.acknowledged.at)}
        </span>
      ) : (
        <button type="button" onClick={() => onAck([alarm.key])} disabled={!canAck || busy} aria-label={`Acknowledge: ${alarm.title}`}>
          Acknowledge
        </button>
      )}
    </li>
  );
}

/** One run's open alarms: a line with its causes, opened to list each alarm. */
function RunGroup({ group, fresh, canAck, onAck, busy }: { group: RunAlarms; fresh: ReadonlySet<string>; canAck: boolean; onAck: (keys: string[]) => void; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const isNew = group.alarms.some((a) => fresh.has(a.key));
  const id = `alarm-run-${group.runNumber}`;
  return (
    <li className={`alarm-group${isNew ? " alarm-new" : ""}`} data-run={group.runNumber} aria-label={`Run ${group.runNumber} alarms`}>
      <div className="alarm-group-line">
        <button type="button" className="alarm-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)} aria-label={`${open ? "Hide" : "Show"} the alarms of run ${group.runNumber}`}>
          {open ? "▾" : "▸"}
        </button>
        <a className="alarm-run" href={`/runs/${group.runNumber}`}>Run {group.runNumber}</a>
        <span className="alarm-causes">
          {group.causes.map((c) => (
            <span key={c.kind} className={`alarm-cause alarm-${c.kind}`}>
              {kindLabel[c.kind]}
              {c.count > 1 ? ` ×${c.count}` : ""}
            </span>
          ))}
          {isNew ? <span className="alarm-cause alarm-fresh">new</span> : null}
        </span>
        <time dateTime={group.latest}>{utcTime(group.latest)}</time>
        <button type="button" onClick={() => onAck(group.alarms.map((a) => a.key))} disabled={!canAck || busy}>
          Acknowledge run {group.runNumber}
        </button>
      </div>
      {open ? (
        <ul className="alarm-list" id={id} aria-label={`Alarms of run ${group.runNumber}`}>
          {group.alarms.map((a) => (
            <AlarmItem key={a.key} alarm={a} canAck={canAck} onAck={onAck} busy={busy} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function SoundControl({ sound }: { sound: ReturnType<typeof useAlarmSound> }) {
  const state = !sound.enabled ? "off" : sound.sounding ? "on" : "idle";
  const text = !sound.enabled ? "Sound off in this browser" : sound.sounding ? (sound.needsGesture ? "New alarm: the browser holds the sound back" : "Alarm sounding: a new alarm") : "Sound on for new alarms";
  return (
    <>
      <span className={`alarm-sound-state sound-${state}`} role="status">{text}</span>
      {sound.enabled && sound.sounding && sound.needsGesture ? (
        <button type="button" onClick={sound.allow}>Allow sound</button>
      ) : null}
      <button type="button" onClick={sound.toggle} aria-pressed={sound.enabled}>
        {sound.enabled ? "Turn alarm sound off" : "Turn alarm sound on"}
      </button>
    </>
  );
}

export function AlarmBanner({ initial, runs }: { initial?: readonly ShiftAlarm[]; runs?: readonly number[] }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const canAck = root ? root.me.role !== "viewer" : false;
  const { alarms, setAlarms, error, setError, refresh } = useShiftAlarms(initial, runs);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(true);
  const open = (alarms ?? []).filter((a) => !a.acknowledged);
  const done = (alarms ?? []).filter((a) => a.acknowledged);
  const groups = groupByRun(open);
  const sound = useAlarmSound(alarms === null ? null : open.map((a) => a.key));
  const fresh = new Set(sound.fresh);

  const onAck = useCallback(
    (keys: string[]) => {
      setBusy(true);
      acknowledge(keys)
        .then(async (updated) => {
          setAlarms((prev) => (prev ?? []).map((a) => updated.find((u) => u.key === a.key) ?? a));
          setError(null);
          await refresh();
        })
        .catch((err: unknown) => setError(`The acknowledgement was refused: ${errorText(err)}`))
        .finally(() => setBusy(false));
    },
    [refresh, setAlarms, setError],
  );

  const heading =
    alarms === null
      ? "Loading alarms…"
      : open.length
        ? `${open.length} unacknowledged alarm${open.length === 1 ? "" : "s"} on ${groups.length} run${groups.length === 1 ? "" : "s"}`
        : "No unacknowledged alarms";
  return (
    <section className={`alarm-banner ${open.length ? "alarm-on" : "alarm-off"}`} aria-label="Alarms" data-alarm-sounding={sound.sounding ? "true" : "false"} data-alarm-count={open.length}>
      <div className="alarm-head">
        {open.length > 0 ? (
          <button type="button" className="alarm-toggle" aria-expanded={shown} aria-controls="alarm-groups" onClick={() => setShown(!shown)} aria-label={shown ? "Hide the alarm list" : "Show the alarm list"}>
            {shown ? "▾" : "▸"}
          </button>
        ) : null}
        <h2>{heading}</h2>
        <span className="spacer" />
        <SoundControl sound={sound} />
        {open.length > 1 && (
          <button type="button" onClick={() => onAck(open.map((a) => a.key))} disabled={!canAck || busy}>
            Acknowledge all
          </button>
        )}
      </div>
      {open.length > 0 && shown && (
        <ul className="alarm-groups" id="alarm-groups" aria-label="Unacknowledged alarms">
          {groups.map((g) => (
            <RunGroup key={g.runNumber} group={g} fresh={fresh} canAck={canAck} onAck={onAck} busy={busy} />
          ))}
        </ul>
      )}
      {open.length > 0 && !canAck && <p className="muted alarm-note">Acknowledging an alarm needs the shifter role.</p>}
      {error && (
        <p className="alarm-error" role="alert">
          {error}
        </p>
      )}
      {done.length > 0 && (
        <details className="alarm-done">
          <summary>Recently acknowledged ({done.length})</summary>
          <ul className="alarm-list" aria-label="Acknowledged alarms">
            {done.slice(0, 20).map((a) => (
              <AlarmItem key={a.key} alarm={a} canAck={canAck} onAck={onAck} busy={busy} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
