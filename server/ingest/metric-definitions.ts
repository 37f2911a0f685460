/** Mirrors the metric catalog into metric_definition so points and alarms refer to metrics by id. */
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database";
import type { MetricDefinition } from "../metrics/index";

type DbOrTrx = Kysely<Database> | Transaction<Database>;

export const metricKey = (subsystem: string, name: string): string => `${subsystem}/${name}`;

/** Upserts the definitions; returns `subsystem/name` → id for each of them. */
export async function syncMetricDefinitions(db: DbOrTrx, defs: readonly MetricDefinition[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (defs.length === 0) return out;
  const rows = await db
    .insertInto("metric_definition")
    .values(
      defs.map((d) => ({
        subsystem: d.subsystem,
        name: d.name,
        plot_title: d.plotTitle,
        y_title: d.yTitle,
        me_paths: [...d.relativePath],
        function: d.metric.function,
        params: JSON.stringify(d.metric.params ?? {}),
        checks: d.checks ? JSON.stringify(d.checks) : null,
        config_file: d.file,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["subsystem", "name"]).doUpdateSet((eb) => ({
        plot_title: eb.ref("excluded.plot_title"),
        y_title: eb.ref("excluded.y_title"),
        me_paths: eb.ref("excluded.me_paths"),
        function: eb.ref("excluded.function"),
        params: eb.ref("excluded.params"),
        checks: eb.ref("excluded.checks"),
        config_file: eb.ref("excluded.config_file"),
        updated_at: sql<Date>`now()`,
      })),
    )
    .returning(["id", "subsystem", "name"])
    .execute();
  for (const r of rows) out.set(metricKey(r.subsystem, r.name), r.id);
  return out;
}
