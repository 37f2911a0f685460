/**
 * Metric points in PostgreSQL's binary COPY format, the rows of
 * `(time timestamptz, run_number int, dataset_id int, metric_id int, value float8, error float8)`.
 * Binary because the text format makes both ends format and parse every double as decimal text,
 * which costs more than the COPY itself on this machine; binary doubles are also exact without
 * relying on the shortest round-trip text of a JS number.
 *
 * Format (PostgreSQL documentation, "COPY", section "Binary Format"): an 11-byte signature,
 * int32 flags and int32 header-extension length; each tuple an int16 field count, then per
 * field an int32 byte length and the value in network byte order (timestamptz: int64
 * microseconds since 2000-01-01 00:00 UTC); an int16 −1 trailer.
 */
import type { PointColumns } from "./point-writer";

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = SIGNATURE.length + 8;
/** int16 field count, then 6 fields: three 8-byte and three 4-byte values, each after an int32 length. */
export const POINT_TUPLE_BYTES = 2 + 3 * (4 + 8) + 3 * (4 + 4);
const FIELDS = 6;
/** 2000-01-01T00:00:00Z in Unix epoch milliseconds: PostgreSQL's timestamp epoch. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;

/** The COPY header, written once before the first tuple. */
export function copyHeader(): Buffer {
  const b = Buffer.alloc(HEADER_BYTES);
  b.set(SIGNATURE, 0);
  return b;
}

/** The COPY trailer, written once after the last tuple. */
export function copyTrailer(): Buffer {
  return Buffer.from([0xff, 0xff]);
}

/** Tuples of points [from, to) in one buffer. The caller has checked that every time, value and error is finite. */
export function encodePointTuples(p: PointColumns, from: number, to: number): Buffer {
  const buf = Buffer.allocUnsafe((to - from) * POINT_TUPLE_BYTES);
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let o = 0;
  for (let i = from; i < to; i++) {
    // Microseconds since 2000 stay below 2^53 for any date PostgreSQL stores, so the double is
    // exact; it is written as two 32-bit halves because DataView's int64 setter takes a BigInt.
    const us = Math.round((p.time[i]! - PG_EPOCH_MS) * 1000);
    const hi = Math.floor(us / TWO_32);
    v.setInt16(o, FIELDS);
    v.setInt32(o + 2, 8);
    v.setInt32(o + 6, hi);
    v.setUint32(o + 10, us - hi * TWO_32);
    v.setInt32(o + 14, 4);
    v.setInt32(o + 18, p.runNumber[i]!);
    v.setInt32(o + 22, 4);
    v.setInt32(o + 26, p.datasetId[i]!);
    v.setInt32(o + 30, 4);
    v.setInt32(o + 34, p.metricId[i]!);
    v.setInt32(o + 38, 8);
    v.setFloat64(o + 42, p.value[i]!);
    v.setInt32(o + 50, 8);
    v.setFloat64(o + 54, p.error[i]!);
    o += POINT_TUPLE_BYTES;
  }
  return buf;
}

/** The whole COPY stream of `points` in buffers of at most `rowsPerChunk` tuples (header and trailer included). */
export function* encodePoints(p: PointColumns, rowsPerChunk: number): Generator<Buffer> {
  yield copyHeader();
  const n = p.time.length;
  for (let from = 0; from < n; from += rowsPerChunk) yield encodePointTuples(p, from, Math.min(n, from + rowsPerChunk));
  yield copyTrailer();
}
