/** Overview: the health of every component, the server's name, and the way to the Temporal UI. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { serverCaller } from "../trpc.server";

export const meta: MetaFunction = () => [{ title: "dqmflow · overview" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { health: await serverCaller(context, request).health.status() };
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

export default function Overview() {
  const { health } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    const id = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 15_000);
    return () => clearInterval(id);
  }, [revalidator]);
  return (
    <>
      <h1>Overview</h1>
      <p className="server-name">
        Server: <strong data-testid="server-name">{health.serverName}</strong> ·{" "}
        <a href={health.temporalUiUrl} target="_blank" rel="noreferrer">Temporal UI</a>
      </p>
      <div className="grid">
        <HealthCard name="Database" {...health.database} />
        <HealthCard name="Temporal" {...health.temporal} />
        <HealthCard name="Worker" {...health.worker} />
      </div>
    </>
  );
}
