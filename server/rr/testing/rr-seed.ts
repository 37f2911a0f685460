/**
 * A small season written straight into dqmflow's tables for the /rr tests: 60 runs with their
 * own numbers, OMS facts, certification states, flags on the online dataset, and five prompt
 * datasets (with lumisections) for golden JSON. Offsets i = run − base decide everything:
 *   class Collisions for i < 30, else Cosmics; b_field 3.8 for even i, else 0; hlt key v(i % 3);
 *   significant unless i % 10 = 0; cert state OPEN for i < 20, SIGNOFF for 20 ≤ i < 40, none after;
 *   online flags: dt-dt GOOD 1–10, BAD 4–6 ("noise in MB1") when i % 5 = 0; tracker-strip GOOD
 *   for i < 10; ecal-ecal EXCLUDED when i % 7 = 0;
 *   runs 11 and 12 get overlapping flags and undos (see below);
 *   prompt dataset for i < 5: dt-dt GOOD 1–10, BAD 3–4 for i = 1; lumisections (recorded 1 each)
 *   for i < 5 with fpix ready on LS 1–5 only.
 */
import { randomInt } from "node:crypto";
import type { Db } from "../../../db/pool";

export interface RrSeason {
  readonly base: number;
  readonly promptName: string;
}

export async function seedRrSeason(db: Db, runs = 60): Promise<RrSeason> {
  const base = randomInt(800_000, 1_900_000) * 1000;
  const promptName = `/PromptReco/Collisions2026A-${base}/DQM`;
  const idx = Array.from({ length: runs }, (_, i) => i);
  await db
    .insertInto("run")
    .values(
      idx.map((i) => ({
        run_number: base + i,
        start_time: new Date(Date.UTC(2026, 5, 1, 0, i)),
        end_time: new Date(Date.UTC(2026, 5, 1, 0, i, 30)),
        run_class: i < 30 ? ("Collisions" as const) : ("Cosmics" as const),
        fill_number: 9000 + i,
        b_field: i % 2 === 0 ? 3.8 : 0,
        beam_energy: 6500,
        delivered_lumi: 11,
        recorded_lumi: 10,
        ls_count: 10,
        hlt_key: `/cdaq/physics/v${i % 3}`,
        significant: i % 10 !== 0,
      })),
    )
    .execute();
  const certified = idx.filter((i) => i < 40);
  await db
    .insertInto("cert_run")
    .values(certified.map((i) => ({ run_number: base + i, run_class: i < 30 ? "Collisions" : "Cosmics", state: i < 20 ? "OPEN" : "SIGNOFF", stage: "online" as const, cert_status: i < 20 ? "awaiting-signoff" : "signed-off", workflow_id: `certify-run-${base + i}`, ls_count: 10, last_error: null })))
    .execute();
  const datasets = [
    ...idx.map((i) => ({ run_number: base + i, name: "online", primary_dataset: "online", processing_string: "online", stage: "online" as const })),
    ...idx.filter((i) => i < 5).map((i) => ({ run_number: base + i, name: promptName, primary_dataset: "PromptReco", processing_string: `Collisions2026A-${base}`, stage: "prompt" as const })),
  ];
  await db.insertInto("dataset").values(datasets).execute();
  await db
    .insertInto("cert_dataset")
    .values([
      ...certified.flatMap((i) => ["global", "dt", "tracker"].map((workspace) => ({ run_number: base + i, dataset_name: "online", stage: "online" as const, workspace, state: i < 20 ? "OPEN" : "SIGNOFF" }))),
      ...idx.filter((i) => i < 5).flatMap((i) => ["global", "dt"].map((workspace) => ({ run_number: base + i, dataset_name: promptName, stage: "prompt" as const, workspace, state: "OPEN" }))),
    ])
    .execute();
  const flag = (i: number, dataset: string, component: string, first: number, last: number, status: string, comment = "", cause = "") => ({
    run_number: base + i,
    dataset_name: dataset,
    component,
    first_ls: first,
    last_ls: last,
    status,
    cause,
    comment,
    origin_kind: "person",
    origin_name: "seed",
    undo_of: null,
    created_by: "seed",
    idempotency_key: null,
  });
  await db
    .insertInto("cert_flag")
    .values([
      ...idx.map((i) => flag(i, "online", "dt-dt", 1, 10, "GOOD")),
      ...idx.filter((i) => i % 5 === 0).map((i) => flag(i, "online", "dt-dt", 4, 6, "BAD", "noise in MB1", "chamber")),
      ...idx.filter((i) => i < 10).map((i) => flag(i, "online", "tracker-strip", 1, 10, "GOOD")),
      ...idx.filter((i) => i % 7 === 0).map((i) => flag(i, "online", "ecal-ecal", 1, 10, "EXCLUDED")),
      ...idx.filter((i) => i < 5).map((i) => flag(i, promptName, "dt-dt", 1, 10, "GOOD")),
      flag(1, promptName, "dt-dt", 3, 4, "BAD", "timing off", "sync"),
    ])
    .execute();
  // Overlaps and undos (flags.ts semantics): run 11 ends GOOD 1, 9–10 and BAD 2–8 (the GOOD 5–6 on top was undone);
  // run 12 ends BAD 1–10 (its undo was itself undone).
  const one = async (f: ReturnType<typeof flag>, undoOf: number | null = null) => (await db.insertInto("cert_flag").values({ ...f, undo_of: undoOf }).returning("id").executeTakeFirstOrThrow()).id;
  await one(flag(11, "online", "dt-dt", 2, 8, "BAD", "bad sector", ""));
  await one(flag(11, "online", "dt-dt", 5, 6, "GOOD")).then((id) => one(flag(11, "online", "dt-dt", 5, 6, "GOOD"), id));
  const bad12 = await one(flag(12, "online", "dt-dt", 1, 10, "BAD", "all bad", ""));
  await one(flag(12, "online", "dt-dt", 1, 10, "BAD"), bad12).then((undo) => one(flag(12, "online", "dt-dt", 1, 10, "BAD"), undo));
  await db
    .insertInto("lumisection")
    .values(
      idx
        .filter((i) => i < 5)
        .flatMap((i) =>
          Array.from({ length: 10 }, (_, k) => ({
            run_number: base + i,
            ls_number: k + 1,
            recorded_lumi: 1,
            delivered_lumi: 1.1,
            beam1_stable: true,
            beam2_stable: true,
            dcs: JSON.stringify({ bpix: true, fpix: k < 5 }) as unknown as Record<string, boolean>,
          })),
        ),
    )
    .execute();
  return { base, promptName };
}

/** Removes a season's rows (board and overview queries of later tests never see them). */
export async function removeRrSeason(db: Db, s: RrSeason, runs = 60): Promise<void> {
  const from = s.base;
  const to = s.base + runs - 1;
  for (const table of ["cert_flag", "cert_dataset", "cert_run", "cert_audit", "lumisection", "dataset"] as const) {
    await db.deleteFrom(table).where("run_number", ">=", from).where("run_number", "<=", to).execute();
  }
  await db.deleteFrom("run").where("run_number", ">=", from).where("run_number", "<=", to).execute();
}
