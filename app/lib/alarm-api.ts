/** The browser's side of the shift alarms: list and acknowledge through the page's tRPC client. */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/trpc/app-router";
import { browserTrpc } from "./trpc-browser";

export type ShiftAlarm = inferRouterOutputs<AppRouter>["overview"]["alarms"][number];

export function fetchAlarms(runs?: readonly number[]): Promise<ShiftAlarm[]> {
  return browserTrpc().overview.alarms.query(runs ? { runs: [...runs] } : undefined);
}

export async function acknowledge(keys: readonly string[]): Promise<ShiftAlarm[]> {
  return (await browserTrpc().overview.acknowledge.mutate({ keys: [...keys] })).alarms;
}
