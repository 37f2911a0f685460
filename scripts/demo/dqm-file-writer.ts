/**
 * Writes DQM ROOT files (CMSSW harvest layout) from in-memory histograms through
 * scripts/demo/write_dqm_files.py (uproot, in the project's Python environment `.tools/py`,
 * made by scripts/python-env.sh). One Python process writes a whole batch: the histograms go to
 * it as JSON lines, encoded as server/ingest/histogram-codec.ts encodes them.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Histogram } from "../../server/histograms/histogram";
import { encodeHistogram } from "../../server/ingest/histogram-codec";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WRITER = path.join(root, "scripts/demo/write_dqm_files.py");

export interface DqmFileSpec {
  /** Absolute path of the file, whose name follows the DQM file name conventions. */
  readonly file: string;
  readonly run: number;
  /** ME path (`<Subsystem>/<rest>`, without `Run summary`) → histogram. */
  readonly mes: ReadonlyMap<string, Histogram>;
}

/** The project's Python interpreter: DQMFLOW_PYTHON if set, else .tools/py (created by scripts/python-env.sh when missing). */
export function projectPython(): string {
  if (process.env.DQMFLOW_PYTHON) return process.env.DQMFLOW_PYTHON;
  const local = path.join(root, ".tools/py/bin/python");
  if (existsSync(local)) return local;
  const made = spawnSync("bash", [path.join(root, "scripts/python-env.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const py = made.stdout.trim().split("\n").pop() ?? "";
  if (made.status !== 0 || !py) throw new Error("the project's Python environment (.tools/py) could not be made: run bash scripts/python-env.sh");
  return py;
}

/** Writes the files (each atomically: a scanner never sees half a file); resolves with their paths. */
export function writeDqmFiles(files: readonly DqmFileSpec[], opts: { onFile?: (path: string) => void } = {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(projectPython(), [WRITER], { stdio: ["pipe", "pipe", "pipe"] });
    const written: string[] = [];
    let stderr = "";
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const l of lines.filter(Boolean)) {
        written.push(l);
        opts.onFile?.(l);
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(written);
      else reject(new Error(`write_dqm_files.py exited with ${code}: ${stderr.trim().split("\n").slice(-5).join("\n")}`));
    });
    // An early exit closes stdin; the close handler reports why.
    child.stdin.on("error", () => undefined);
    void (async () => {
      for (const f of files) {
        const line = JSON.stringify({ file: f.file, run: f.run, mes: Object.fromEntries([...f.mes].map(([me, h]) => [me, encodeHistogram(h)])) }) + "\n";
        if (!child.stdin.write(line)) await new Promise<void>((r) => child.stdin.once("drain", () => r()));
      }
      child.stdin.end();
    })();
  });
}

/** `DQM_V0001_R000303000__Global__Online__DQM.root` and the like, for a dataset name (`online` or /PD/processing/tier). */
export function dqmFileName(run: number, dataset: string, version = 1): string {
  const body = dataset === "online" ? "Global__Online__DQM" : dataset.split("/").slice(1).join("__");
  return `DQM_V${String(version).padStart(4, "0")}_R${String(run).padStart(9, "0")}__${body}.root`;
}

/** Where the DQM GUI keeps a run's file under the storage root: `<Online|Offline>Data/<PD>/R000NNNNxx/`. */
export function dqmStoragePath(storageDir: string, run: number, dataset: string, version = 1): string {
  const top = dataset === "online" ? "OnlineData" : "OfflineData";
  const pd = dataset === "online" ? "Global" : (dataset.split("/")[1] ?? "unknown");
  const prefix = `R${String(run).padStart(9, "0").slice(0, 7)}xx`;
  return path.join(storageDir, top, pd, prefix, dqmFileName(run, dataset, version));
}
