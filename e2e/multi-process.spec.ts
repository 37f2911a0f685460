import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { createTemporalClient } from "../workflows/client";
import { type ClusterProcess, type ClusterSettings, type ClusterWeb, clusterSettings, makeSchedule, startWeb, startWorker, stopProcess } from "./cluster-processes";
import { type DroppedRun, dropRun } from "./pipeline-files";

// The deployment's shape on one machine (deploy/helm/dqmflow): two web servers and two workers on
// one database and one Temporal, a task queue and ingest schedule of their own made by
// `dqmflow schedule` as the chart's Job makes it. Runs arrive as files in the cluster's watched
// folders. What must hold across processes: a trend cached by one web server is invalidated by
// an ingest another one sees; a run's stage completes although the worker holding its workflow
// is killed; sign-offs through either web server land in one audit trail; a worker asked to stop
// (SIGTERM) drains and exits 0.

interface Health { serverName: string; database: { ok: boolean }; temporal: { ok: boolean }; worker: { ok: boolean; taskQueue: string } }
interface AuditRow { id: number; kind: string; actor: string; reason: string; after: { stage?: string } | null }
interface Detail {
  run: { stage: string; certStatus: string; lsCount: number };
  live: { awaitingSignoff: string[] } | null;
  datasets: { stage: string; dataset_name: string; workspace: string }[];
  flags: { dataset: string; componentsWithoutStatus: string[] }[];
  audit: AuditRow[];
}
interface Series { series: { run: number[] }[] }

/** The runs with a point in any of the answer's series. */
const runsOf = (s: Series) => [...new Set(s.series.flatMap((x) => x.run))].sort((a, b) => a - b);

let settings: ClusterSettings;
const webs: ClusterWeb[] = [];
const workers: ClusterProcess[] = [];
const api: APIRequestContext[] = [];
const dropped: DroppedRun[] = [];

async function get<T>(ctx: APIRequestContext, procedure: string, input?: unknown): Promise<{ data: T; cache: string | undefined }> {
  const res = await ctx.get(`/api/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`);
  expect(res.status(), `${procedure}: ${await res.text()}`).toBe(200);
  return { data: ((await res.json()) as { result: { data: T } }).result.data, cache: res.headers()["x-dqmflow-cache"] };
}

/**
 * Signs off the run's current stage as a shifter through `ctx`: first every component the
 * automatic flags left without a status is flagged GOOD over the run (what a shifter does when
 * no reference decided them), then the sign-off.
 */
async function signOff(ctx: APIRequestContext, d: Detail, runNumber: number, stage: string, comment: string): Promise<void> {
  const dataset = d.datasets.find((x) => x.workspace === "global" && x.stage === stage)!.dataset_name;
  for (const component of d.flags.find((f) => f.dataset === dataset)?.componentsWithoutStatus ?? []) {
    const input = { runNumber, dataset, component, firstLs: 1, lastLs: d.run.lsCount, status: "GOOD", comment: "multi-process: checked by hand", requestId: randomUUID() };
    const edit = await ctx.post("/api/trpc/certification.editFlag", { data: input, headers: { "x-dqmflow-role": "shifter" } });
    expect(edit.status(), `flag ${component}: ${await edit.text()}`).toBe(200);
  }
  const res = await ctx.post("/api/trpc/certification.signOff", { data: { runNumber, stage, comment }, headers: { "x-dqmflow-role": "shifter" } });
  expect(res.status(), `sign-off of ${stage}: ${await res.text()}`).toBe(200);
}

/** The run's detail once `ready` holds, polled through `ctx`. */
async function detailWhen(ctx: APIRequestContext, runNumber: number, ready: (d: Detail) => boolean, what: string): Promise<Detail> {
  let found: Detail | undefined;
  await expect
    .poll(
      async () => {
        const res = await ctx.get(`/api/trpc/certification.run?input=${encodeURIComponent(JSON.stringify({ runNumber }))}`);
        if (res.status() !== 200) return false;
        const d = ((await res.json()) as { result: { data: Detail } }).result.data;
        if (!ready(d)) return false;
        found = d;
        return true;
      },
      { message: `run ${runNumber}: ${what}`, timeout: 150_000, intervals: [1_000] },
    )
    .toBe(true);
  return found!;
}

const awaiting = (stage: string) => (d: Detail) => d.run.stage === stage && (d.live?.awaitingSignoff.includes(stage) ?? false);

test.describe.serial("two web servers and two workers on one database and one Temporal", () => {
  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(240_000);
    settings = await clusterSettings();
    expect(await makeSchedule(settings)).toContain(`schedule '${settings.scheduleId}' created: scans ${settings.folders.dqm} and ${settings.folders.oms} every 2 s, 3 files at a time`);
    // Workers bundle their workflows on start (seconds of CPU each): one after the other.
    workers.push(await startWorker(settings, "worker-1"));
    workers.push(await startWorker(settings, "worker-2"));
    webs.push(...(await Promise.all([startWeb(settings, "web-1"), startWeb(settings, "web-2")])));
    for (const w of webs) api.push(await playwright.request.newContext({ baseURL: w.origin }));
  });

  test.afterAll(async () => {
    test.setTimeout(180_000);
    for (const ctx of api) await ctx.dispose();
    for (const p of [...webs, ...workers]) await stopProcess(p, "SIGTERM").catch(() => p.child.kill("SIGKILL"));
    for (const d of dropped) await d.remove();
    if (settings) {
      const client = await createTemporalClient(process.env.TEMPORAL_ADDRESS ?? "", process.env.TEMPORAL_NAMESPACE ?? "default");
      await client.schedule.getHandle(settings.scheduleId).delete().catch(() => undefined);
      await client.connection.close();
      await settings.removeFiles();
    }
  });

  test("the schedule made by dqmflow schedule scans the cluster's folders on its task queue, 3 files at a time", async () => {
    const client = await createTemporalClient(process.env.TEMPORAL_ADDRESS ?? "", process.env.TEMPORAL_NAMESPACE ?? "default");
    try {
      const { action } = await client.schedule.getHandle(settings.scheduleId).describe();
      expect(action.type).toBe("startWorkflow");
      if (action.type !== "startWorkflow") return;
      expect(action.taskQueue).toBe(settings.taskQueue);
      expect(action.args).toEqual([{ dqmDir: settings.folders.dqm, omsDir: settings.folders.oms, concurrency: 3 }]);
    } finally {
      await client.connection.close();
    }
  });

  test("both web servers are ready: database, Temporal and a worker of the cluster's task queue answer", async () => {
    const names = [];
    for (const ctx of api) {
      const { data: h } = await get<Health>(ctx, "health.status");
      expect(h.database.ok && h.temporal.ok && h.worker.ok, JSON.stringify(h)).toBe(true);
      expect(h.worker.taskQueue).toBe(settings.taskQueue);
      names.push(h.serverName);
    }
    expect(names).toEqual(["web-1", "web-2"]);
  });

  test("a trend cached by web 1 is invalidated by an ingest seen through web 2", async () => {
    test.setTimeout(300_000);
    const [web1, web2] = api as [APIRequestContext, APIRequestContext];
    const first = await dropRun({ stages: ["express"], folders: settings.folders });
    dropped.push(first);
    // The express dataset's trend of the run's subsystem, for two listed runs of which one exists.
    let input: Record<string, unknown> | undefined;
    await expect
      .poll(
        async () => {
          const { data: tree } = await get<{ subsystems: { name: string; metrics: { name: string }[] }[] }>(web1, "trends.tree");
          const pixel = tree.subsystems.find((s) => s.name === "PixelPhase1");
          if (!pixel?.metrics[0]) return false;
          const metrics = pixel.metrics.slice(0, 10).map((m) => m.name);
          input = { subsystem: "PixelPhase1", primaryDataset: "ZeroBias", processingString: "Express-v1", metrics, selection: { kind: "list", runs: [first.runNumber, first.runNumber + 1] }, includeNonSignificant: true };
          return runsOf((await get<Series>(web1, "trends.series", input)).data).includes(first.runNumber);
        },
        { message: `run ${first.runNumber}'s express point reaches the trend through web 1`, timeout: 150_000, intervals: [1_000] },
      )
      .toBe(true);

    // Web 1 keeps the answer: the same request again is a hit with one run.
    await expect(async () => {
      const again = await get<Series>(web1, "trends.series", input);
      expect(again.cache).toBe("hit");
      expect(runsOf(again.data)).toEqual([first.runNumber]);
    }).toPass({ timeout: 10_000 });

    // The second run is ingested by whichever worker takes it; web 2 sees it first.
    const second = await dropRun({ stages: ["express"], runNumber: first.runNumber + 1, folders: settings.folders });
    dropped.push(second);
    await expect
      .poll(async () => runsOf((await get<Series>(web2, "trends.series", input)).data), { message: "the second run's point through web 2", timeout: 150_000, intervals: [500] })
      .toEqual([first.runNumber, second.runNumber]);

    // Web 1 was not asked meanwhile: its cached answer must be gone, not served stale.
    const after = await get<Series>(web1, "trends.series", input);
    expect(runsOf(after.data)).toEqual([first.runNumber, second.runNumber]);
    expect(after.cache).toBe("miss");
  });

  test("a run's stage completes while the worker holding its workflow is killed, and sign-offs through either web server land in one audit trail", async () => {
    test.setTimeout(400_000);
    const [web1, web2] = api as [APIRequestContext, APIRequestContext];
    const run = await dropRun({ stages: ["online", "express"], folders: settings.folders });
    dropped.push(run);
    const online = await detailWhen(web1, run.runNumber, awaiting("online"), "waits for its online sign-off");

    // The worker that last ran a workflow task of the run's workflow holds it in its cache
    // (sticky queue): that is the one killed, without a chance to hand anything over.
    const client = await createTemporalClient(process.env.TEMPORAL_ADDRESS ?? "", process.env.TEMPORAL_NAMESPACE ?? "default");
    let holder: ClusterProcess | undefined;
    try {
      const history = await client.workflow.getHandle(`certify-run-${run.runNumber}`).fetchHistory();
      const identities = (history.events ?? []).map((e) => e.workflowTaskCompletedEventAttributes?.identity).filter((x): x is string => !!x);
      const last = identities.at(-1) ?? "";
      holder = workers.find((w) => last.startsWith(`${w.child.pid}@`));
      expect(holder, `certify-run-${run.runNumber} was last run by '${last}', not by one of the cluster's workers (${workers.map((w) => w.child.pid).join(", ")})`).toBeDefined();
    } finally {
      await client.connection.close();
    }
    expect(await stopProcess(holder!, "SIGKILL")).toBe("SIGKILL");
    const survivor = workers.find((w) => w !== holder)!;

    // Online signed off through web 2; the surviving worker takes the workflow over and runs
    // the express stage's comparisons.
    await signOff(web2, online, run.runNumber, "online", "multi-process: online through web 2");
    const express = await detailWhen(web1, run.runNumber, awaiting("express"), `waits for its express sign-off with ${holder!.name} dead`);
    await signOff(web1, express, run.runNumber, "express", "multi-process: express through web 1");
    const done = await detailWhen(web2, run.runNumber, (d) => d.audit.filter((a) => a.kind === "signoff").length === 2, "has both sign-offs in its audit trail");

    const signoffs = done.audit.filter((a) => a.kind === "signoff").map((a) => ({ stage: a.after?.stage, actor: a.actor, reason: a.reason }));
    expect(signoffs).toEqual([
      { stage: "online", actor: "dev-shifter", reason: "multi-process: online through web 2" },
      { stage: "express", actor: "dev-shifter", reason: "multi-process: express through web 1" },
    ]);
    // One trail: both web servers read the same rows, each sign-off once.
    const viaWeb1 = (await get<Detail>(web1, "certification.run", { runNumber: run.runNumber })).data.audit.map((a) => a.id);
    const viaWeb2 = (await get<Detail>(web2, "certification.run", { runNumber: run.runNumber })).data.audit.map((a) => a.id);
    expect(viaWeb1).toEqual(viaWeb2);
    expect(survivor.child.exitCode).toBeNull();
  });

  test("a worker asked to stop (SIGTERM, as Kubernetes does) drains and exits 0; so do the web servers", async () => {
    test.setTimeout(180_000);
    for (const w of workers.filter((p) => p.child.exitCode === null && p.child.signalCode === null)) {
      expect(await stopProcess(w, "SIGTERM", 120_000), w.output().slice(-2000)).toBe(0);
    }
    for (const w of webs) expect(await stopProcess(w, "SIGTERM"), w.output().slice(-2000)).toBe(0);
  });
});
