/**
 * Subscribes to the board's live events (tRPC over SSE) while the page is open. Reports the
 * connection state and every batch of events; the caller decides what to refresh.
 */
import { useEffect, useRef, useState } from "react";
import type { BoardEvent } from "../../../server/certification/board-events";
import { browserTrpc } from "../../lib/trpc-browser";

export type LiveState = "connecting" | "live" | "error";

/** Dates arrive as strings over SSE. */
export type LiveEvent = Omit<BoardEvent, "at"> & { at: string | Date };

export function useBoardEvents(onEvents: (events: LiveEvent[]) => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handler = useRef(onEvents);
  handler.current = onEvents;
  useEffect(() => {
    const sub = browserTrpc().certification.boardEvents.subscribe(undefined, {
      onStarted: () => setState("live"),
      onData: (msg) => {
        setState("live");
        handler.current(msg.data);
      },
      onError: () => setState("error"),
      onConnectionStateChange: (s) => setState(s.state === "pending" ? "live" : s.state === "connecting" ? "connecting" : "error"),
    });
    return () => sub.unsubscribe();
  }, []);
  return state;
}
