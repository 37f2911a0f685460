/**
 * The shifter's audible alarm: while `active` (an unacknowledged alarm) and not muted, a two-tone
 * chime repeats every few seconds, made with Web Audio oscillators (no sound file). Muting is per
 * browser (localStorage, shared by the browser's tabs); acknowledging is per alarm, on the server.
 *
 * Browsers keep an AudioContext silent until the page has had a click or a key press; the hook
 * says so (`needsGesture`) so the page can ask for one, and resumes on the next gesture. What the
 * alarm did is counted on `window.__dqmflowAlarm`, so a browser test can tell that it sounded.
 */
import { useCallback, useEffect, useState } from "react";

const MUTE_KEY = "dqmflow.alarm.muted";
const REPEAT_MS = 6000;

export interface AlarmProbe {
  /** Oscillators started since the page loaded (two per chime). */
  oscillatorsStarted: number;
  chimes: number;
  sounding: boolean;
  muted: boolean;
  contextState: AudioContextState | "none";
}

declare global {
  interface Window {
    __dqmflowAlarm?: AlarmProbe;
  }
}

function probe(): AlarmProbe {
  window.__dqmflowAlarm ??= { oscillatorsStarted: 0, chimes: 0, sounding: false, muted: false, contextState: "none" };
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

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === "1";
  } catch {
    return false;
  }
}

export function useAlarmSound(active: boolean) {
  // null until the browser's preference is read: a muted browser must not chime while loading.
  const [muted, setMuted] = useState<boolean | null>(null);
  const [needsGesture, setNeedsGesture] = useState(false);

  useEffect(() => {
    setMuted(readMuted());
    const onStorage = (e: StorageEvent) => {
      if (e.key === MUTE_KEY) setMuted(readMuted());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const sounding = active && muted === false;

  useEffect(() => {
    const p = probe();
    p.sounding = sounding;
    p.muted = muted === true;
  }, [sounding, muted]);

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
    const unlock = () => {
      ctx.resume().then(update, update);
    };
    const ring = () => {
      if (ctx.state === "suspended") unlock();
      chime(ctx);
      update();
    };
    ring();
    const id = setInterval(ring, REPEAT_MS);
    ctx.addEventListener("statechange", update);
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    return () => {
      clearInterval(id);
      ctx.removeEventListener("statechange", update);
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, [sounding]);

  const toggleMute = useCallback(() => {
    setMuted((was) => {
      const next = was !== true;
      try {
        localStorage.setItem(MUTE_KEY, next ? "1" : "0");
      } catch {
        // Storage refused (private mode): the mute still holds for this page.
      }
      return next;
    });
  }, []);

  return { muted: muted === true, sounding, needsGesture, toggleMute };
}
