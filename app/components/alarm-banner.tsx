/**
 * The shift's alarm banner: unacknowledged alarms (comparisons in ERROR, failed comparisons,
 * missed sign-off deadlines), the audible alarm while any is unacknowledged, a per-browser mute
 * and acknowledgement (shifter role). It polls the API itself, so any page can include it:
 * `<AlarmBanner />`, or `<AlarmBanner initial={alarms} />` with alarms from the page's loader.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { acknowledge, fetchAlarms, type ShiftAlarm } from "../lib/alarm-api";
import { utcTime } from "../lib/utc-time";
import type { loader as rootLoader } from "../root";
import { useAlarmSound } from "./alarm-sound";

const POLL_MS = 4000;
const SHOWN = 8;

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
      setError(`alarms could not be loaded: ${errorText(err)}`);
    }
  }, [runKey]);
  useEffect(() => {
    if (!initial) void refresh();
    const id = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(id);
  }, [refresh, initial]);
  return { alarms, setAlarms, error, setError, refresh };
}

function AlarmItem({ alarm, canAck, onAck, busy }: { alarm: ShiftAlarm; canAck: boolean; onAck: (keys: string[]) => void; busy: boolean }) {
  return (
    <li className={`alarm-item alarm-${alarm.kind}`} data-alarm-key={alarm.key}>
      <span className="alarm-kind">{kindLabel[alarm.kind]}</span>
      <span className="alarm-text">
        <a href={`/runs/${alarm.runNumber}`}>{alarm.title}</a>
        <span className="alarm-detail">{alarm.detail}</span>
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

export function AlarmBanner({ initial, runs }: { initial?: readonly ShiftAlarm[]; runs?: readonly number[] }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const canAck = root ? root.me.role !== "viewer" : false;
  const { alarms, setAlarms, error, setError, refresh } = useShiftAlarms(initial, runs);
  const [busy, setBusy] = useState(false);
  const open = (alarms ?? []).filter((a) => !a.acknowledged);
  const done = (alarms ?? []).filter((a) => a.acknowledged);
  const { muted, sounding, needsGesture, toggleMute } = useAlarmSound(open.length > 0);

  const onAck = useCallback(
    (keys: string[]) => {
      setBusy(true);
      acknowledge(keys)
        .then(async (updated) => {
          setAlarms((prev) => (prev ?? []).map((a) => updated.find((u) => u.key === a.key) ?? a));
          setError(null);
          await refresh();
        })
        .catch((err: unknown) => setError(`acknowledgement refused: ${errorText(err)}`))
        .finally(() => setBusy(false));
    },
    [refresh, setAlarms, setError],
  );

  return (
    <section className={`alarm-banner ${open.length ? "alarm-on" : "alarm-off"}`} aria-label="Alarms" data-alarm-sounding={sounding ? "true" : "false"} data-alarm-count={open.length}>
      <div className="alarm-head">
        <h2>
          {alarms === null ? "Loading alarms…" : open.length ? `${open.length} unacknowledged alarm${open.length === 1 ? "" : "s"}` : "No unacknowledged alarms"}
        </h2>
        <span className={`alarm-sound-state sound-${muted ? "muted" : sounding ? "on" : "idle"}`} role="status">
          {muted ? "Sound muted in this browser" : sounding ? (needsGesture ? "Click anywhere to let the alarm sound" : "Alarm sounding") : "Sound on"}
        </span>
        <span className="spacer" />
        <button type="button" onClick={toggleMute} aria-pressed={muted}>
          {muted ? "Unmute alarm sound" : "Mute alarm sound"}
        </button>
        {open.length > 1 && (
          <button type="button" onClick={() => onAck(open.map((a) => a.key))} disabled={!canAck || busy}>
            Acknowledge all
          </button>
        )}
      </div>
      {open.length > 0 && (
        <ul className="alarm-list" aria-label="Unacknowledged alarms">
          {open.slice(0, SHOWN).map((a) => (
            <AlarmItem key={a.key} alarm={a} canAck={canAck} onAck={onAck} busy={busy} />
          ))}
          {open.length > SHOWN && <li className="muted">and {open.length - SHOWN} more</li>}
        </ul>
      )}
      {open.length > 0 && !canAck && <p className="muted">Acknowledging an alarm needs the shifter role.</p>}
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
