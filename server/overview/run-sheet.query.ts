/**
 * The run page's sheet for any run dqmflow knows (certified or not, e.g. a reference run): OMS's
 * run metadata, the links to the tools a shifter opens next (DQM GUI, OMS, Run Registry, elog),
 * and per lumisection the beam and DCS bits for the lumisection timeline. Read from the tables
 * ingest fills; no call to any external system.
 */
import type { Db } from "../../db/pool";
import { dqmGuiLink, elogLink, type LinkBases, omsLink, runRegistryLink } from "../hdqm/links";

export interface RunSheetLumisection {
  readonly ls: number;
  readonly beam1: boolean | null;
  readonly beam2: boolean | null;
  /** DCS ready bits by partition. */
  readonly dcs: Readonly<Record<string, boolean>>;
  readonly recordedLumi: number | null;
}

export interface RunSheet {
  readonly runNumber: number;
  readonly runClass: string;
  readonly provisional: boolean;
  readonly startTime: string;
  readonly endTime: string | null;
  readonly durationS: number | null;
  readonly fill: number | null;
  readonly bField: number | null;
  readonly beamEnergy: number | null;
  readonly hltKey: string | null;
  readonly l1Key: string | null;
  readonly deliveredLumi: number | null;
  readonly recordedLumi: number | null;
  readonly lsCount: number | null;
  readonly datasets: readonly string[];
  readonly links: { readonly dqmGui: string; readonly oms: string; readonly runRegistry: string; readonly elog: string };
  readonly lumisections: readonly RunSheetLumisection[];
}

/** The run's sheet, or null when dqmflow has no such run; links on the configured bases. */
export async function runSheet(db: Db, runNumber: number, bases: LinkBases): Promise<RunSheet | null> {
  const run = await db.selectFrom("run").selectAll().where("run_number", "=", runNumber).executeTakeFirst();
  if (!run) return null;
  const [datasets, lumis] = await Promise.all([
    db.selectFrom("dataset").select("name").where("run_number", "=", runNumber).orderBy("id", "desc").execute(),
    db.selectFrom("lumisection").select(["ls_number", "beam1_stable", "beam2_stable", "dcs", "recorded_lumi"]).where("run_number", "=", runNumber).orderBy("ls_number").execute(),
  ]);
  const names = datasets.map((d) => d.name);
  return {
    runNumber,
    runClass: run.run_class,
    provisional: run.provisional,
    startTime: run.start_time.toISOString(),
    endTime: run.end_time?.toISOString() ?? null,
    durationS: run.duration_s,
    fill: run.fill_number,
    bField: run.b_field,
    beamEnergy: run.beam_energy,
    hltKey: run.hlt_key,
    l1Key: run.l1_key,
    deliveredLumi: run.delivered_lumi,
    recordedLumi: run.recorded_lumi,
    lsCount: run.ls_count,
    datasets: names,
    links: { dqmGui: dqmGuiLink(bases, runNumber, names[0] ?? "", null), oms: omsLink(bases, runNumber), runRegistry: runRegistryLink(bases, runNumber), elog: elogLink(bases, runNumber) },
    lumisections: lumis.map((l) => ({ ls: l.ls_number, beam1: l.beam1_stable, beam2: l.beam2_stable, dcs: l.dcs, recordedLumi: l.recorded_lumi })),
  };
}
