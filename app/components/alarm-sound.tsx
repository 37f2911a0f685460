/**
 * The shifter's audible alarm. Silent until the shifter enables it in this browser (a button:
 * that click is also the gesture browsers need before they play sound); once enabled, a two-tone
 * chime (Web Audio oscillators, no sound file) repeats every few seconds while an alarm that is
 * NEW — raised after the page was opened or the sound enabled — is unacknowledged. Alarms already
 * there when the shifter arrived are on the screen, not in the ears; a click elsewhere on the
 * page never starts the sound. The choice is kept per browser (localStorage, shared by tabs).
 *
 * What the alarm did is counted on `window.__dqmflowAlarm`, so a browser test can tell that it
 * sounded.
 */
import { useCallback, useEffect, useRef, useState } from "react";

const ENABLED_KEY = "dqmflow.alarm.sound";
const REPEAT_MS = 6000;

export interface AlarmProbe {
  /** Oscillators started since the page loaded (two per chime). */
  oscillatorsStarted: number;
  chimes: number;
  sounding: boolean;
  enabled: boolean;
  contextState: AudioContextState | "none";
}

declare global {
  interface Window {
    __dqmflowAlarm?: AlarmProbe;
  }
}

function probe(): AlarmProbe {
  window.__dqmflowAlarm ??= { oscillatorsStarted: 0, chimes: 0, sounding: false, enabled: false, contextState: "none" };
  return window.__dqmflowAlarm;
}

// One context per page: a context the user's gesture has unlocked stays unlocked.
let sharedContext: AudioContext | undefined;
function audioContext(): AudioContext {
  sharedContext ??= new AudioContext();
  return sharedContext;
}

function chime(ctx: AudioContext): void {
  const now = ctx.currentTime;
  const p = probe();
  for (const [i, freq] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.35 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + i * 0.35);
    osc.stop(now + i * 0.35 + 0.32);
    p.oscillatorsStarted++;
  }
  p.chimes++;
}

function readEnabled(): boolean {
  try {
    return localStorage.getItem(ENABLED_KEY) === "on";
  } catch {
    return false;
  }
}

/**
 * `openKeys`: the keys of the unacknowledged alarms, or null while they are loading.
 * Returns whether the sound is enabled, whether it is sounding, the new alarms' keys, and whether
 * the browser still holds the sound back (it needs a click on "Allow sound" after a reload).
 */
export function useAlarmSound(openKeys: readonly string[] | null) {
  const [enabled, setEnabled] = useState(false);
  const [needsGesture, setNeedsGesture] = useState(false);
  // Keys that were there before the sound could start (at page load, at enabling): never sound.
  const known = useRef<Set<string> | null>(null);
  if (known.current === null && openKeys !== null) known.current = new Set(openKeys);
  const fresh = openKeys && known.current ? openKeys.filter((k) => !known.current!.has(k)) : [];

  useEffect(() => {
    setEnabled(readEnabled());
    const onStorage = (e: StorageEvent) => {
      if (e.key === ENABLED_KEY) setEnabled(readEnabled());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const sounding = enabled && fresh.length > 0;

  useEffect(() => {
    const p = probe();
    p.sounding = sounding;
    p.enabled = enabled;
  }, [sounding, enabled]);

  useEffect(() => {
    if (!sounding) {
      setNeedsGesture(false);
      return;
    }
    const ctx = audioContext();
    const update = () => {
      probe().contextState = ctx.state;
      setNeedsGesture(ctx.state !== "running");
    };
    const ring = () => {
      if (ctx.state === "suspended") ctx.resume().then(update, update);
      chime(ctx);
      update();
    };
    ring();
    const id = setInterval(ring, REPEAT_MS);
    ctx.addEventListener("statechange", update);
    return () => {
      clearInterval(id);
      ctx.removeEventListener("statechange", update);
    };
  }, [sounding]);

  const store = (on: boolean) => {
    try {
      localStorage.setItem(ENABLED_KEY, on ? "on" : "off");
    } catch {
      // Storage refused (private mode): the choice still holds for this page.
    }
  };

  /** Enables (from now on: the alarms on screen stay quiet) or disables the sound. Call from a click. */
  const toggle = useCallback(() => {
    const next = !enabled;
    if (next) {
      known.current = new Set(openKeys ?? []);
      const ctx = audioContext();
      ctx.resume().then(
        () => (probe().contextState = ctx.state),
        () => undefined,
      );
    }
    store(next);
    setEnabled(next);
  }, [enabled, openKeys]);

  /** The click a browser needs before it plays sound (after a reload with the sound enabled). */
  const allow = useCallback(() => {
    const ctx = audioContext();
    ctx.resume().then(
      () => {
        probe().contextState = ctx.state;
        setNeedsGesture(ctx.state !== "running");
      },
      () => undefined,
    );
  }, []);

  return { enabled, sounding, needsGesture, fresh, toggle, allow };
}
