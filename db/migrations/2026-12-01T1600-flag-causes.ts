import { type Kysely, sql } from "kysely";

/**
 * `flag_cause`: the standard causes experts keep per certification component (issue 14, item 1),
 * offered by the flag forms as a pick list. Entries are never edited: a rename is a new entry
 * that replaces a retired one (`replaced_by`), so flags written with the old text keep it.
 * At most one active entry per component and text (case-insensitive).
 *
 * Seeded with a short list for the components of config/certification.json.
 */
const seed: Record<string, string[]> = {
  "tracker-pixel": ["Pixel module(s) off", "HV trip", "Readout errors (FED)", "Timing misalignment"],
  "tracker-strip": ["Strip module(s) off", "HV trip", "Noisy modules", "Low S/N"],
  "dt-dt": ["Chamber(s) off", "HV trip", "Noise in MB1", "Trigger synchronisation"],
  "csc-csc": ["Chamber(s) off", "HV trip", "Readout errors (DDU)", "Low efficiency"],
  "ecal-ecal": ["Towers masked", "Timing shift", "Laser correction missing", "Noisy channels"],
  "hcal-hcal": ["RBX off", "Noise (HPD/SiPM)", "Timing shift", "Readout errors (uHTR)"],
  "l1t-l1tmu": ["Muon trigger rate spike", "uGMT misconfiguration", "Input link errors"],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table flag_cause (
      id serial primary key,
      component text not null check (length(component) between 1 and 200),
      cause text not null check (length(btrim(cause)) between 3 and 200),
      active boolean not null default true,
      created_by text not null,
      created_at timestamptz not null default now(),
      retired_by text,
      retired_at timestamptz,
      replaced_by integer references flag_cause (id),
      check (active = (retired_at is null))
    )`.execute(db);
  await sql`create unique index flag_cause_active_text on flag_cause (component, lower(cause)) where active`.execute(db);
  for (const [component, causes] of Object.entries(seed)) {
    for (const cause of causes) await sql`insert into flag_cause (component, cause, created_by) values (${component}, ${cause}, 'migration')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table flag_cause`.execute(db);
}
