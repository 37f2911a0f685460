/**
 * `dqmflow bench ingest-file [--json] [--mes N] [--select K] [--repeat R]`: a DQM file of real
 * size (N = 100,000 MEs, ~150–200 MB, harvested layout; made once by
 * scripts/fixtures/make_large_dqm_file.py into .data/fixtures/) is listed and its selected MEs
 * read — the MEs config/metrics and config/certification.json need plus K = 3,000 others — by
 * dqmflow's reader (the steps of ingest's read, in a child process) and by uproot
 * (scripts/fixtures/uproot_read_mes.py), R times each, alternating, in the same run. Reports
 * each one's median time and peak RSS (the child's own getrusage), the ratio, and checks both
 * read the same MEs with the same contents.
 */
import { spawn } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { projectPython } from "../../../scripts/demo/dqm-file-writer";
import { loadCertificationConfig } from "../../certification/certification-config-file";
import { openDqmRootFile } from "../../histograms/dqm-root-file";
import { fileChecksum } from "../../ingest/checksum";
import { isSelected, meSelection, type MeSelection } from "../../ingest/me-selection";
import { loadMetricConfigs } from "../../metrics/index";
import type { CliCommand } from "../main";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const GENERATOR = path.join(ROOT, "scripts/fixtures/make_large_dqm_file.py");
const UPROOT_READER = path.join(ROOT, "scripts/fixtures/uproot_read_mes.py");
const RUN = 999002;

/** What the generator writes beside the file (make_large_dqm_file.py). */
interface Manifest {
  readonly run: number;
  /** MEs asked for; the file also holds each subsystem's EventInfo summary map. */
  readonly mes: number;
  readonly folders: number;
  readonly qualityReports: number;
  readonly bytes: number;
  readonly classes: Record<string, number>;
  readonly include: readonly string[];
  readonly selection: Record<string, { readonly class: string; readonly sum: number }>;
}

/** One reader's pass over the file, as its process reports it. */
interface Pass {
  readonly openS: number;
  readonly listS: number;
  readonly readS: number;
  readonly listed: number;
  readonly read: number;
  readonly qualityReports: number;
  readonly contentSum: number;
  readonly maxRssBytes: number;
  /** dqmflow only: ingest's sha256 of the file, after the timed steps. */
  readonly checksumS?: number;
}

const totalS = (p: Pass): number => p.openS + p.listS + p.readS;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The MEs ingest's configurations need: the `--include` list of the generator. */
async function configuredMes(): Promise<string[]> {
  const catalog = await loadMetricConfigs(path.join(ROOT, "config/metrics"));
  const sel = meSelection({ metrics: catalog.metrics, certification: await loadCertificationConfig(), keep: [] });
  return [...sel.exact].sort();
}

function run(cmd: string, args: string[], opts: { inherit?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", opts.inherit ? "inherit" : "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr?.on("data", (b: Buffer) => (err += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(args[0] ?? cmd)} exited with ${code}: ${err.trim().split("\n").slice(-5).join("\n")}`))));
  });
}

/** The cached file and its manifest, (re)generated when missing or made for other settings. */
async function ensureFixture(dir: string, mes: number, select: number, include: string[]): Promise<{ file: string; manifest: Manifest }> {
  const file = path.join(dir, `DQM_V0001_R${String(RUN).padStart(9, "0")}__BenchLarge__Run2026X-Bench-v1__DQMIO.root`);
  const current = async (): Promise<Manifest | undefined> => {
    if (!existsSync(file) || !existsSync(`${file}.json`)) return undefined;
    const m = JSON.parse(await readFile(`${file}.json`, "utf8")) as Manifest;
    const sameInclude = m.include.length === include.length && m.include.every((p, i) => p === include[i]);
    return sameInclude && m.run === RUN && m.mes === mes && Object.keys(m.selection).length === include.length + select ? m : undefined;
  };
  const cached = await current();
  if (cached) return { file, manifest: cached };
  await mkdir(dir, { recursive: true });
  const includeFile = path.join(dir, "bench-ingest-file.include.txt");
  await writeFile(includeFile, include.join("\n") + "\n");
  console.error(`bench ingest-file: generating ${file} (${mes.toLocaleString("en-US")} MEs, once; minutes)…`);
  await run(projectPython(), [GENERATOR, file, "--mes", String(mes), "--select", String(select), "--include", includeFile, "--run", String(RUN)], { inherit: true });
  const made = await current();
  if (!made) throw new Error(`the generator did not write ${file} for ${mes} MEs and ${select} selected`);
  return { file, manifest: made };
}

async function readPageCache(file: string): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) void chunk;
}

async function dqmflowPass(file: string, selectionFile: string): Promise<Pass> {
  return JSON.parse(await run(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", file, selectionFile])) as Pass;
}

async function uprootPass(file: string, selectionFile: string): Promise<Pass> {
  return JSON.parse(await run(projectPython(), [UPROOT_READER, file, selectionFile])) as Pass;
}

export const benchIngestFileCommand: CliCommand = {
  summary: "list and read a 100,000-ME DQM file vs uproot",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: "boolean", default: false },
        mes: { type: "string", default: "100000" },
        select: { type: "string", default: "3000" },
        repeat: { type: "string", default: "3" },
        dir: { type: "string", default: path.join(ROOT, ".data/fixtures") },
      },
    });
    const [mes, select, repeat] = [Number(values.mes), Number(values.select), Number(values.repeat)];
    for (const [name, v, min] of [["--mes", mes, 100], ["--select", select, 0], ["--repeat", repeat, 1]] as const) {
      if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${String(v)}`);
    }
    const include = await configuredMes();
    const { file, manifest } = await ensureFixture(path.resolve(values.dir), mes, select, include);
    const selectionFile = `${file}.selection.txt`;
    await writeFile(selectionFile, Object.keys(manifest.selection).join("\n") + "\n");
    const expectedSum = Object.values(manifest.selection).reduce((a, s) => a + s.sum, 0);
    // Both readers start from the page cache, as an ingest of a file just written does.
    await readPageCache(file);
    const ours: Pass[] = [];
    const theirs: Pass[] = [];
    const load = loadavg();
    for (let i = 0; i < repeat; i++) {
      ours.push(await dqmflowPass(file, selectionFile));
      theirs.push(await uprootPass(file, selectionFile));
    }
    const loadAfter = loadavg();
    for (const [who, passes] of [["dqmflow", ours], ["uproot", theirs]] as const) {
      for (const p of passes) {
        if (p.listed < manifest.mes || p.listed !== ours[0]?.listed) throw new Error(`${who} listed ${p.listed} MEs; the generator wrote ${manifest.mes} and their EventInfo maps`);
        if (p.read !== Object.keys(manifest.selection).length) throw new Error(`${who} read ${p.read} MEs, the selection has ${Object.keys(manifest.selection).length}`);
        if (Math.abs(p.contentSum - expectedSum) > 1e-9 * Math.abs(expectedSum)) throw new Error(`${who} read contents summing to ${p.contentSum}, the generator wrote ${expectedSum}`);
      }
    }
    const summary = (passes: Pass[]) => ({
      seconds: median(passes.map(totalS)),
      openS: median(passes.map((p) => p.openS)),
      listS: median(passes.map((p) => p.listS)),
      readS: median(passes.map((p) => p.readS)),
      peakRssMB: Math.max(...passes.map((p) => p.maxRssBytes)) / 2 ** 20,
      listed: passes[0]?.listed ?? 0,
      qualityReports: passes[0]?.qualityReports ?? 0,
    });
    const result = {
      file: { path: file, megabytes: manifest.bytes / 1e6, mes: manifest.mes, folders: manifest.folders, qualityReports: manifest.qualityReports, classes: manifest.classes },
      selected: Object.keys(manifest.selection).length,
      repeat,
      dqmflow: { ...summary(ours), checksumS: median(ours.map((p) => p.checksumS ?? NaN)) },
      uproot: summary(theirs),
      ratio: median(ours.map(totalS)) / median(theirs.map(totalS)),
      loadAverage: { before: load, after: loadAfter },
    };
    if (values.json) {
      console.log(JSON.stringify(result));
      return 0;
    }
    const s = (x: number): string => x.toFixed(2).padStart(7);
    const row = (name: string, r: ReturnType<typeof summary>): string =>
      `  ${name.padEnd(8)} ${s(r.openS)} ${s(r.listS)} ${s(r.readS)} ${s(r.seconds)} s   ${r.peakRssMB.toFixed(0).padStart(5)} MB   ${r.listed.toLocaleString("en-US")} MEs, ${r.qualityReports.toLocaleString("en-US")} reports`;
    console.log(`bench ingest-file: ${path.basename(file)}: ${result.file.megabytes.toFixed(0)} MB, ${manifest.mes.toLocaleString("en-US")} MEs in ${manifest.folders.toLocaleString("en-US")} folders`);
    console.log(`  classes: ${Object.entries(manifest.classes).map(([c, n]) => `${c} ${n.toLocaleString("en-US")}`).join(", ")}`);
    console.log(`  selected: ${result.selected.toLocaleString("en-US")} MEs (${include.length} from config/metrics and config/certification.json, ${select.toLocaleString("en-US")} drawn); median of ${repeat} passes each`);
    console.log(`  reader      open    list    read   total       peak RSS`);
    console.log(row("dqmflow", result.dqmflow));
    console.log(row("uproot", result.uproot));
    console.log(`  dqmflow / uproot  ${result.ratio.toFixed(2)}×   (goal ≤ 1.0×, peak RSS ≤ 500 MB); ingest's sha256 of the file adds ${result.dqmflow.checksumS.toFixed(2)} s`);
    console.log(`  load average ${load.map((x) => x.toFixed(2)).join(" ")} before, ${loadAfter.map((x) => x.toFixed(2)).join(" ")} after (2 cores)`);
    return 0;
  },
};

/** The dqmflow pass: ingest's read steps (server/ingest/read-dqm-file.ts) timed one by one. */
async function child(file: string, selectionFile: string): Promise<Pass> {
  const exact = new Set((await readFile(selectionFile, "utf8")).split("\n").filter(Boolean));
  const selection: MeSelection = { exact, patterns: [] };
  const t0 = performance.now();
  const f = await openDqmRootFile(file);
  try {
    const t1 = performance.now();
    const listed = await f.list();
    const reports = await f.qualityReports();
    const t2 = performance.now();
    let read = 0;
    let contentSum = 0;
    for (const me of listed) {
      if (!isSelected(selection, me.mePath)) continue;
      const h = await f.read(me.mePath);
      for (const c of h.contents) contentSum += c;
      read++;
    }
    const t3 = performance.now();
    // The peak of the reader's steps, which uproot's pass also does; the checksum is ingest's own.
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    await fileChecksum(file);
    const checksumS = (performance.now() - t3) / 1000;
    return { openS: (t1 - t0) / 1000, listS: (t2 - t1) / 1000, readS: (t3 - t2) / 1000, listed: listed.length, read, qualityReports: reports.length, contentSum, maxRssBytes, checksumS };
  } finally {
    await f.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "--child") {
  child(process.argv[3] ?? "", process.argv[4] ?? "")
    .then((pass) => console.log(JSON.stringify(pass)))
    .catch((err: unknown) => {
      console.error(`bench ingest-file (dqmflow pass): ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
