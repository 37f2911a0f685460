/**
 * `dqmflow bench ingest-file` end to end on a small file: it generates the file once, runs
 * dqmflow's reader and uproot on it, checks both read the same MEs with the generator's contents,
 * and reuses the cached file the second time.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { benchIngestFileCommand } from "./bench-ingest-file";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("bench ingest-file", () => {
  it("reports both readers on the same MEs and reuses the generated file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dqmflow-bench-ingest-file-"));
    dirs.push(dir);
    const out: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
    try {
      const args = ["--mes", "400", "--select", "40", "--repeat", "1", "--dir", dir, "--json"];
      expect(await benchIngestFileCommand.run(args)).toBe(0);
      const first = JSON.parse(out.pop() ?? "{}") as { file: { path: string; mes: number }; selected: number; dqmflow: { listed: number; peakRssMB: number }; uproot: { listed: number }; ratio: number };
      expect(first.file.mes).toBe(400);
      expect(first.selected).toBe(40 + 36);
      expect(first.dqmflow.listed).toBe(first.uproot.listed);
      expect(first.dqmflow.peakRssMB).toBeGreaterThan(0);
      expect(first.ratio).toBeGreaterThan(0);
      const made = (await stat(first.file.path)).mtimeMs;
      expect(await benchIngestFileCommand.run(args)).toBe(0);
      expect((await stat(first.file.path)).mtimeMs).toBe(made);
    } finally {
      log.mockRestore();
    }
  }, 180_000);

  it("refuses a bad count by name", async () => {
    await expect(benchIngestFileCommand.run(["--mes", "ten"])).rejects.toThrow(/--mes must be an integer/);
  });
});
