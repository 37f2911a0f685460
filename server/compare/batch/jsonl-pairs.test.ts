import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { poisson, seededRng } from "../math/rng";
import { compareRange } from "./batch-kernel";
import { allocateBatch, allocateResults } from "./batch-layout";
import { runJsonlChunk } from "./jsonl-pairs";

describe("JSON-lines chunks", () => {
  it("read every spelling of a line the same way and give the kernel's results bit for bit", () => {
    const n = 12;
    const count = 300;
    const rng = seededRng(16);
    const batch = allocateBatch(count, n);
    const lines: string[] = [];
    for (let p = 0; p < count; p++) {
      const d: number[] = [];
      const r: number[] = [];
      for (let i = 0; i < n; i++) {
        d.push(p % 7 === 0 ? poisson(20, rng) + 0.25 : poisson(20, rng));
        r.push(poisson(30, rng));
      }
      batch.data.set(d, p * n);
      batch.ref.set(r, p * n);
      // Plain, spaced, reordered with exponents, and with a non-ASCII id (JSON.parse path).
      const style = p % 4;
      if (style === 0) lines.push(JSON.stringify({ id: p, data: d, ref: r }));
      else if (style === 1) lines.push(`{ "id" : "p${p}" , "data" : [ ${d.join(" , ")} ] , "ref" : [${r.join(", ")}] }`);
      else if (style === 2) lines.push(`{"ref":[${r.map((x) => x.toExponential()).join(",")}],"extra":{"a":[1,{"b":"]"}]},"data":[${d.join(",")}],"id":{"run":${p}}}`);
      else lines.push(`\t{"id":"é${p}","data":${JSON.stringify(d)},"ref":${JSON.stringify(r)}}\r`);
    }
    const dir = mkdtempSync(join(tmpdir(), "dqmflow-jsonl-"));
    const file = join(dir, "pairs.jsonl");
    writeFileSync(file, lines.join("\n") + "\n\n");
    const out = allocateResults(count);
    compareRange(batch, out, 0, count);

    const chunk = runJsonlChunk({ kind: "jsonl", file, start: 0, end: statSync(file).size, nbins: n, test: "both", thresholds: { error: 0.5, warning: 0.9 } });
    expect(chunk.errors).toEqual([]);
    expect(chunk.pairs).toBe(count);
    const got = Buffer.concat(chunk.parts).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    got.forEach((g, p) => {
      expect(g.id).toEqual((JSON.parse(lines[p]!.trim()) as { id: unknown }).id);
      expect(g.chi2).toBe(out.chi2[p]);
      expect(g.chi2PValue).toBe(out.chi2PValue[p]);
      expect(g.ksDistance).toBe(out.ksDistance[p]);
      expect(g.ksPValue).toBe(out.ksPValue[p]);
    });
  });

  it("reports unusable lines with their line number and keeps the others", () => {
    const dir = mkdtempSync(join(tmpdir(), "dqmflow-jsonl-"));
    const file = join(dir, "pairs.jsonl");
    writeFileSync(file, ['{"id":1,"data":[1,2],"ref":[2,1]}', '{"id":2,"data":[1,2,3],"ref":[2,1]}', '{"id":3,"data":[1,02],"ref":[2,1]}', "[]", '{"id":5,"data":[1,2],"ref":[2,1]}'].join("\n"));
    const chunk = runJsonlChunk({ kind: "jsonl", file, start: 0, end: statSync(file).size, nbins: 2, test: "chi2", thresholds: { error: 0.5, warning: 0.9 } });
    expect(chunk.errors.map((e) => [e.lineInChunk, e.id])).toEqual([
      [1, "2"],
      [2, "null"],
      [3, "null"],
    ]);
    expect(chunk.parts.map((p) => Buffer.from(p).toString().trim().split("\n").filter(Boolean).length)).toEqual([1, 0, 0, 1]);
  });
});
