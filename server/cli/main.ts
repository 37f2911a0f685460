/**
 * `dqmflow <command> …`: each command lives in its own module under ./commands and is loaded
 * only when called, so `dqmflow compare` does not pay for the database driver.
 */
export interface CliCommand {
  readonly summary: string;
  /** What `dqmflow <command> --help` prints; commands without it show their summary. */
  readonly help?: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<CliCommand>> = {
  migrate: async () => (await import("./commands/migrate.js")).migrateCommand,
  compare: async () => (await import("./commands/compare.js")).compareCommand,
  bench: async () => (await import("./commands/bench.js")).benchCommand,
  ingest: async () => (await import("./commands/ingest.js")).ingestCommand,
  demo: async () => (await import("../../scripts/demo/demo-command.js")).demoCommand,
  ml: async () => (await import("./commands/ml.js")).mlCommand,
  "golden-json": async () => (await import("./commands/golden-json.js")).goldenJsonCommand,
  metrics: async () => (await import("./commands/metrics.js")).metricsCommand,
  "import-rr": async () => (await import("./commands/import-rr.js")).importRrCommand,
  schedule: async () => (await import("./commands/schedule.js")).scheduleCommand,
};

/** Registers a command; command modules are listed here so `dqmflow help` can show them all. */
export function commandNames(): string[] {
  return Object.keys(commands).sort();
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log("usage: dqmflow <command> [options]\n\ncommands:");
    for (const n of commandNames()) {
      const cmd = await commands[n]!();
      console.log(`  ${n.padEnd(14)} ${cmd.summary}`);
    }
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`dqmflow: unknown command '${name}'. Commands: ${commandNames().join(", ")}`);
    return 2;
  }
  try {
    const cmd = await load();
    if (rest.length === 1 && (rest[0] === "--help" || rest[0] === "-h")) {
      console.log(cmd.help ?? `dqmflow ${name}: ${cmd.summary}`);
      return 0;
    }
    return await cmd.run(rest);
  } catch (err) {
    console.error(`dqmflow ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
