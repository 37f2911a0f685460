/**
 * The shifter's audible alarm: while any alarm is unacknowledged and the sound is not muted, a
 * two-tone chime repeats every few seconds (Web Audio, no sound file). Muting is per browser;
 * acknowledging is per alarm and recorded on the server by the caller.
 */
import { useEffect, useState } from "react";

const MUTE_KEY = "dqmflow.alarm.muted";
const REPEAT_MS = 6000;

function chime(ctx: AudioContext): void {
  const now = ctx.currentTime;
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
  }
}

export function useAlarmSound(active: boolean) {
  const [muted, setMuted] = useState(false);
  useEffect(() => setMuted(localStorage.getItem(MUTE_KEY) === "1"), []);
  useEffect(() => {
    if (!active || muted) return;
    const ctx = new AudioContext();
    chime(ctx);
    const id = setInterval(() => chime(ctx), REPEAT_MS);
    return () => {
      clearInterval(id);
      void ctx.close();
    };
  }, [active, muted]);
  return {
    muted,
    toggleMute() {
      const next = !muted;
      localStorage.setItem(MUTE_KEY, next ? "1" : "0");
      setMuted(next);
    },
  };
}
