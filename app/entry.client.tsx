/**
 * Remix's default browser entry, except that hydration waits for the holds of
 * app/lib/hydration-gate.ts: a trend drawn from the server's HTML shows its first frame before
 * React hydrates the controls around it.
 */
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { hydrationMayStart } from "./lib/hydration-gate";

void hydrationMayStart().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
