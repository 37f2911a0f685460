/**
 * Overview: the shift's alarms, certification in flight per stage, runs waiting for a sign-off
 * or for calibrations, recent failures and alarms, the health of every component and the
 * server's name, with the way to the Temporal UI.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator, useRouteError } from "@remix-run/react";
import { useEffect } from "react";
import { AlarmBanner } from "../components/alarm-banner";
import { PageError } from "../components/page-error";
import { CertificationSections } from "../components/overview/certification-sections";
import { FailureSections } from "../components/overview/failure-sections";
import { serverCaller } from "../trpc.server";

export const meta: MetaFunction = () => [{ title: "dqmflow · overview" }];

const REVALIDATE_MS = 10_000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const api = serverCaller(context, request);
  const [health, summary, alarms] = await Promise.all([api.health.status(), api.overview.summary(), api.overview.alarms()]);
  return { health, summary, alarms };
}

function HealthCard({ name, ok, detail, latencyMs }: { name: string; ok: boolean; detail: string; latencyMs: number }) {
  return (
    <section className="card" aria-label={`${name} health`}>
      <h2>
        {name} <span className={`status ${ok ? "ok" : "down"}`}>{ok ? "healthy" : "down"}</span>
      </h2>
      <div>{detail}</div>
      <div className="muted">answered in {latencyMs} ms</div>
    </section>
  );
}

/** Reloads the page's data every few seconds: the overview stays up on a control-room screen. */
function usePeriodicRevalidation() {
  const revalidator = useRevalidator();
  useEffect(() => {
    const id = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REVALIDATE_MS);
    return () => clearInterval(id);
  }, [revalidator]);
}

export default function Overview() {
  const { health, summary, alarms } = useLoaderData<typeof loader>();
  usePeriodicRevalidation();
  return (
    <>
      <h1>Overview</h1>
      <p className="server-name">
        Server: <strong data-testid="server-name">{health.serverName}</strong> ·{" "}
        <a href={health.temporalUiUrl} target="_blank" rel="noreferrer">Temporal UI</a>
      </p>
      <AlarmBanner initial={alarms} />
      <div className="grid">
        <HealthCard name="Database" {...health.database} />
        <HealthCard name="Temporal" {...health.temporal} />
        <HealthCard name="Worker" {...health.worker} />
      </div>
      <CertificationSections summary={summary} />
      <FailureSections summary={summary} />
    </>
  );
}

export function ErrorBoundary() {
  // A passing failure (a restarting database) must not freeze the screen: keep trying.
  usePeriodicRevalidation();
  return <PageError error={useRouteError()} what="The overview" back={{ to: "/certification", label: "Go to the certification board" }} retry={`This page tries again every ${REVALIDATE_MS / 1000} s by itself.`} />;
}
