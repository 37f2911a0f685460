/**
 * Work that should reach the screen before React hydrates the page — a chart drawn from the
 * server's HTML (app/components/trends/early-chart.ts) — holds hydration until it is done, and
 * app/entry.client.tsx waits for every hold. A hold ends by itself after HOLD_LIMIT_MS, so work
 * that never finishes cannot keep the page from becoming interactive. No holds: no wait.
 */
const holds: Promise<void>[] = [];

/** The longest any hold keeps React from hydrating the page. */
export const HOLD_LIMIT_MS = 1000;

export function holdHydration(done: Promise<void>): void {
  const limit = new Promise<void>((resolve) => setTimeout(resolve, HOLD_LIMIT_MS));
  holds.push(Promise.race([done.catch(() => undefined), limit]));
}

/** Resolves when every hold so far has ended. */
export function hydrationMayStart(): Promise<void> {
  return Promise.all(holds).then(() => undefined);
}
