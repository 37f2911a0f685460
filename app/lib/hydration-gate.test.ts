import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The gate keeps its holds in module state: each test imports a fresh copy.
async function freshGate() {
  vi.resetModules();
  return import("./hydration-gate");
}

describe("hydration gate", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("opens at once without holds", async () => {
    const gate = await freshGate();
    await expect(gate.hydrationMayStart()).resolves.toBeUndefined();
  });

  it("waits for every hold, a failed one counting as done", async () => {
    const gate = await freshGate();
    let finish = () => {};
    gate.holdHydration(new Promise<void>((r) => (finish = r)));
    gate.holdHydration(Promise.reject(new Error("chart failed")));
    let open = false;
    void gate.hydrationMayStart().then(() => (open = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(open).toBe(false);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(open).toBe(true);
  });

  it("never waits longer than the limit for a hold that does not end", async () => {
    const gate = await freshGate();
    gate.holdHydration(new Promise<void>(() => {}));
    let open = false;
    void gate.hydrationMayStart().then(() => (open = true));
    await vi.advanceTimersByTimeAsync(gate.HOLD_LIMIT_MS - 1);
    expect(open).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(open).toBe(true);
  });
});
