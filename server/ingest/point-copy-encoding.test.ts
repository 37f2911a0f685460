import { describe, expect, it } from "vitest";
import { copyHeader, encodePoints, POINT_TUPLE_BYTES } from "./point-copy-encoding";
import { allocatePoints, type PointColumns } from "./point-writer";

/** Reads a binary COPY stream back the way PostgreSQL's COPY FROM does (header, tuples, trailer). */
function decode(stream: Buffer): { us: bigint; time: number; run: number; dataset: number; metric: number; value: number; error: number }[] {
  expect(stream.subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0");
  expect(stream.readInt32BE(11)).toBe(0);
  expect(stream.readInt32BE(15)).toBe(0);
  const rows = [];
  let o = 19;
  for (;;) {
    const fields = stream.readInt16BE(o);
    o += 2;
    if (fields === -1) break;
    expect(fields).toBe(6);
    const field = (len: number): number => {
      expect(stream.readInt32BE(o)).toBe(len);
      o += 4 + len;
      return o - len;
    };
    const us = stream.readBigInt64BE(field(8));
    rows.push({
      us,
      time: Number(us) / 1000 + 946_684_800_000,
      run: stream.readInt32BE(field(4)),
      dataset: stream.readInt32BE(field(4)),
      metric: stream.readInt32BE(field(4)),
      value: stream.readDoubleBE(field(8)),
      error: stream.readDoubleBE(field(8)),
    });
  }
  expect(o).toBe(stream.length);
  return rows;
}

function points(rows: readonly [number, number, number, number, number, number][]): PointColumns {
  const p = allocatePoints(rows.length);
  rows.forEach(([t, r, d, m, v, e], i) => {
    [p.time[i], p.runNumber[i], p.datasetId[i], p.metricId[i], p.value[i], p.error[i]] = [t, r, d, m, v, e];
  });
  return p;
}

describe("binary COPY encoding of metric points", () => {
  it("writes each point as one tuple that decodes to the same time, ids, value and error, bit for bit", () => {
    const rows: [number, number, number, number, number, number][] = [
      [Date.parse("2017-05-20T12:34:56.789Z"), 297050, 1, 17, 0.1 + 0.2, 1e-320],
      [Date.parse("1999-12-31T23:59:59.999Z"), 2_147_483_647, -2_147_483_648, 0, -0, Number.MAX_VALUE],
      [Date.parse("2000-01-01T00:00:00Z"), 1, 2, 3, -1.5e300, Number.MIN_VALUE],
      [Date.parse("2250-06-01T00:00:00.001Z"), 999999, 7, 8, 20000.123456789, 5],
    ];
    const decoded = decode(Buffer.concat([...encodePoints(points(rows), 3)]));
    expect(decoded).toHaveLength(rows.length);
    decoded.forEach((d, i) => {
      const [t, r, ds, m, v, e] = rows[i]!;
      expect(d.time).toBe(t);
      expect([d.run, d.dataset, d.metric]).toEqual([r, ds, m]);
      expect(Object.is(d.value, v)).toBe(true);
      expect(Object.is(d.error, e)).toBe(true);
    });
  });

  it("rounds a time to PostgreSQL's microsecond resolution, counted from 2000-01-01", () => {
    const t = Date.parse("2018-01-01T00:00:00Z");
    const us = (ms: number): bigint => decode(Buffer.concat([...encodePoints(points([[ms, 1, 1, 1, 1, 1]]), 10)]))[0]!.us;
    const since2000 = 568_080_000_000_000n;
    expect(us(t)).toBe(since2000);
    expect(us(t + 0.0012)).toBe(since2000 + 1n);
    expect(us(t + 0.0002)).toBe(since2000);
    expect(us(Date.parse("1999-12-31T23:59:59.999Z"))).toBe(-1000n);
  });

  it("splits the tuples into chunks of the given size between one header and one trailer", () => {
    const p = points(Array.from({ length: 25 }, (_, i): [number, number, number, number, number, number] => [1.5e12 + i, i, i, i, i, i]));
    const chunks = [...encodePoints(p, 10)];
    expect(chunks.map((c) => c.length)).toEqual([copyHeader().length, 10 * POINT_TUPLE_BYTES, 10 * POINT_TUPLE_BYTES, 5 * POINT_TUPLE_BYTES, 2]);
    expect(decode(Buffer.concat(chunks)).map((d) => d.run)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it("encodes no points as a header and a trailer, which COPY reads as zero rows", () => {
    expect(decode(Buffer.concat([...encodePoints(allocatePoints(0), 10)]))).toEqual([]);
  });
});
