/**
 * Exactly once under a crash (issue 15, item 3): a process writing a batch of points is killed
 * (SIGKILL) while its COPY streams, and a fresh process writes the batch again. What is stored
 * must be, row for row, what one clean write stores: the killed attempt leaves neither points
 * nor bookkeeping nor a lock, and the points it was replacing stay until the retry replaces them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../workflows/certification/testing/cert-test-kit";
import type { AppServices } from "../app-services";
import { testServices } from "../testing/integration";
import { forgetRuns } from "./test-support";

const script = path.resolve(import.meta.dirname, "point-writer-crash-child.ts");
/** Datasets (one run each) of the batch, ids and run numbers of this test's own. */
const FIRST = 2_100_000_001;
const DATASETS = 20;
/** 20 × 20,000 = 400,000 points (24.8 MB of COPY): seconds of streaming, time enough to be killed in. */
const METRICS = 20_000;
const runs = Array.from({ length: DATASETS }, (_, k) => FIRST + k);
const bookkeeping = `point-writer-crash/${randomUUID()}`;

let services: AppServices;
const children: ChildProcess[] = [];

/** A writing process for `version` of the batch; `seen(text)` resolves with the line that starts with `text`. */
function startWriter(version: number) {
  const child = spawn(process.execPath, ["--import", "tsx", script, String(FIRST), String(DATASETS), String(METRICS), String(version), `${bookkeeping}/v${version}`], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "?")));
  const seen = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = out.split("\n").find((l) => l.startsWith(text));
        if (line) resolve(line);
      };
      child.stdout?.on("data", check);
      void exited.then((how) => reject(new Error(`writer process exited (${how}) before printing '${text}'`)));
      check();
    });
  return { child, seen, exited, output: () => out };
}

async function writeToTheEnd(version: number): Promise<void> {
  const w = startWriter(version);
  await w.seen("committed");
  expect(await w.exited).toBe(0);
}

/** Count, distinct keys and a checksum over every column of the batch's points, and its bookkeeping rows. */
async function fingerprint() {
  const p = await sql<{ n: number; keys: number; checksum: string | null }>`select count(*)::int as n,
      count(distinct (metric_id, dataset_id, run_number, time))::int as keys,
      sum(hashtextextended(concat_ws('|', metric_id, dataset_id, run_number, time, value, error), 0)::numeric)::text as checksum
    from metric_point where dataset_id between ${FIRST} and ${FIRST + DATASETS - 1}`.execute(services.db);
  const b = await services.db.selectFrom("ingest_file").select(["path", "points"]).where("path", "like", `${bookkeeping}/%`).orderBy("id").execute();
  return { ...p.rows[0]!, bookkeeping: b };
}

async function forget(): Promise<void> {
  await forgetRuns(services.db, runs);
  await services.db.deleteFrom("ingest_file").where("path", "like", `${bookkeeping}/%`).execute();
}

beforeAll(async () => {
  services = testServices();
  await forget();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await forget();
  await services?.close();
});

describe("the point writer killed in the middle of its COPY", () => {
  it("leaves nothing of the killed attempt, and the retry in a fresh process stores exactly what one clean write stores", { timeout: 180_000 }, async () => {
    // The reference: version 2 of the batch written once, cleanly, into nothing.
    await writeToTheEnd(2);
    const clean = await fingerprint();
    expect(clean).toMatchObject({ n: DATASETS * METRICS, keys: DATASETS * METRICS, bookkeeping: [{ path: `${bookkeeping}/v2`, points: DATASETS * METRICS }] });
    await forget();

    // Version 1 is in (with a tenth more metrics); version 2 starts replacing it and is killed
    // once the server has taken a megabyte of its COPY (some 16,000 rows), far from its end.
    await writeToTheEnd(1);
    const before = await fingerprint();
    expect(before.n).toBe(DATASETS * (METRICS + METRICS / 10));
    const crashing = startWriter(2);
    const backend = Number((await crashing.seen("backend ")).split(" ")[1]);
    const streamed = await eventually(async () => {
      const r = await sql<{ bytes: number }>`select bytes_processed::float8 as bytes from pg_stat_progress_copy where pid = ${backend}`.execute(services.db);
      const bytes = r.rows[0]?.bytes ?? 0;
      return bytes >= 1 << 20 ? bytes : undefined;
    }, "the writer's COPY to stream a megabyte", 60_000);
    crashing.child.kill("SIGKILL");
    expect(await crashing.exited).toBe("SIGKILL");
    expect(streamed).toBeLessThan(DATASETS * METRICS * 62);
    expect(crashing.output()).not.toContain("committed");

    // The server ends the dead client's session and its transaction with it.
    await eventually(async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where pid = ${backend}`.execute(services.db);
      return r.rows[0]!.n === 0 ? true : undefined;
    }, "the killed writer's session to end", 30_000);
    expect(await fingerprint()).toEqual(before);
    const locks = await sql<{ n: number }>`select count(*)::int as n from pg_locks where pid = ${backend}`.execute(services.db);
    expect(locks.rows[0]!.n).toBe(0);
    // No writer's lock remains on the hypertable: SHARE conflicts with the ROW EXCLUSIVE a COPY holds.
    await services.db.transaction().execute(async (trx) => {
      await sql`lock table metric_point in share mode nowait`.execute(trx);
    });
    // Nor a table of its own (a staging table, were one ever added): temporary relations die with their session.
    const temp = await sql<{ n: number }>`select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname like 'pg\\_temp\\_%' and c.relname like '%point%'`.execute(services.db);
    expect(temp.rows[0]!.n).toBe(0);

    // The batch again, by a fresh process: the same rows as the clean write, version 1's extra
    // points gone, and the batch recorded once.
    await writeToTheEnd(2);
    expect(await fingerprint()).toEqual({ ...clean, bookkeeping: [...before.bookkeeping, ...clean.bookkeeping] });
  });
});
