import { type Kysely, sql } from "kysely";

/**
 * `rule_variable_name`: the component names flags carry and the DCS bits lumisections carry,
 * one row per name, so the golden-JSON editor and `goldenJson.createRule` learn which names a
 * rule may read without scanning `cert_flag` (distinct over every flag) or `lumisection`
 * (`jsonb_object_keys` over a row of every run: seconds at a year's 10 million lumisections).
 *
 * Kept by statement-level triggers in the writing statement's own transaction, so every writer
 * (OMS import and file, Run Registry import, flags from the app, RR and workflows, benchmarks'
 * seeding) keeps it without knowing about it. `insert … on conflict do update` fires the insert
 * trigger for the rows it inserts and the update trigger for those it updates; transition
 * tables allow one event per trigger, hence two on `lumisection`. A name stays once seen: a rule
 * that reads a bit no longer carried reads nothing, which the editor's list then still offers.
 * The functions name the table unqualified, so a scratch schema first on the search_path keeps
 * its own copy.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rule_variable_name (
      kind text not null check (kind in ('component', 'dcs')),
      name text not null check (length(name) between 1 and 200),
      primary key (kind, name)
    )`.execute(db);

  await sql`create function rule_variable_dcs_seen() returns trigger language plpgsql as $$
    begin
      insert into rule_variable_name (kind, name)
        select distinct 'dcs', k from new_rows, jsonb_object_keys(new_rows.dcs) k
        where jsonb_typeof(new_rows.dcs) = 'object' and length(k) between 1 and 200
          and not exists (select 1 from rule_variable_name v where v.kind = 'dcs' and v.name = k)
        on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create function rule_variable_component_seen() returns trigger language plpgsql as $$
    begin
      insert into rule_variable_name (kind, name)
        select distinct 'component', f.component from new_rows f
        where length(f.component) between 1 and 200
          and not exists (select 1 from rule_variable_name v where v.kind = 'component' and v.name = f.component)
        on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger rule_variable_dcs_inserted after insert on lumisection referencing new table as new_rows
      for each statement execute function rule_variable_dcs_seen()`.execute(db);
  await sql`create trigger rule_variable_dcs_updated after update on lumisection referencing new table as new_rows
      for each statement execute function rule_variable_dcs_seen()`.execute(db);
  await sql`create trigger rule_variable_component_inserted after insert on cert_flag referencing new table as new_rows
      for each statement execute function rule_variable_component_seen()`.execute(db);

  // What the data already carry.
  await sql`insert into rule_variable_name (kind, name)
      select distinct 'dcs', k from lumisection, jsonb_object_keys(lumisection.dcs) k
      where jsonb_typeof(lumisection.dcs) = 'object' and length(k) between 1 and 200
      on conflict do nothing`.execute(db);
  await sql`insert into rule_variable_name (kind, name)
      select distinct 'component', component from cert_flag where length(component) between 1 and 200
      on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger rule_variable_component_inserted on cert_flag`.execute(db);
  await sql`drop trigger rule_variable_dcs_updated on lumisection`.execute(db);
  await sql`drop trigger rule_variable_dcs_inserted on lumisection`.execute(db);
  await sql`drop function rule_variable_component_seen()`.execute(db);
  await sql`drop function rule_variable_dcs_seen()`.execute(db);
  await sql`drop table rule_variable_name`.execute(db);
}
