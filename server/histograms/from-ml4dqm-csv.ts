/**
 * Rows of the ML4DQM per-lumisection CSV (shared/data/README.md): `histo` is a JSON list of
 * Xbins + 2 contents (underflow, bins, overflow) with fixed-width binning Xmin..Xmax. The
 * export repeats the fromrun/fromlumi columns under varying names, so columns are found by name.
 */
import type { Histogram } from "./histogram";
import { HistogramFormatError } from "./errors";

export interface Ml4dqmRow {
  readonly run: number;
  readonly lumi: number;
  readonly golden: boolean;
  readonly dcs: boolean;
  readonly histogram: Histogram;
}

/** Splits one CSV line, honouring double-quoted fields (the `histo` list contains commas). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** Column positions, from the header line; reused for every row of a file. */
export interface Ml4dqmColumns {
  readonly run: number;
  readonly lumi: number;
  readonly hname: number;
  readonly histo: number;
  readonly entries: number;
  readonly xmin: number;
  readonly xmax: number;
  readonly xbins: number;
  readonly json: number;
  readonly dcs: number;
}

export function parseMl4dqmHeader(header: string): Ml4dqmColumns {
  const cols = splitCsvLine(header.trim());
  const at = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new HistogramFormatError(`ML4DQM CSV: missing column '${name}'`);
    return i;
  };
  return {
    run: at("fromrun"),
    lumi: at("fromlumi"),
    hname: at("hname"),
    histo: at("histo"),
    entries: at("entries"),
    xmin: at("Xmin"),
    xmax: at("Xmax"),
    xbins: at("Xbins"),
    json: at("Json"),
    dcs: at("DCSbit"),
  };
}

export function parseMl4dqmRow(line: string, columns: Ml4dqmColumns): Ml4dqmRow {
  const f = splitCsvLine(line.trim());
  const get = (i: number): string => {
    const v = f[i];
    if (v === undefined) throw new HistogramFormatError(`ML4DQM CSV: row has ${f.length} fields`);
    return v;
  };
  const nbins = Number(get(columns.xbins));
  const min = Number(get(columns.xmin));
  const max = Number(get(columns.xmax));
  let values: unknown;
  try {
    values = JSON.parse(get(columns.histo));
  } catch {
    throw new HistogramFormatError("ML4DQM CSV: histo is not a JSON list");
  }
  if (!Number.isInteger(nbins) || nbins < 1 || !(max > min)) throw new HistogramFormatError("ML4DQM CSV: bad binning");
  // Most exports list under- and overflow around the bins; some (ChargeInnerLayer4) only the bins.
  if (!Array.isArray(values) || (values.length !== nbins + 2 && values.length !== nbins) || !values.every((v) => typeof v === "number")) {
    throw new HistogramFormatError(`ML4DQM CSV: histo must list ${nbins + 2} numbers (with under- and overflow) or ${nbins} (bins only), got ${Array.isArray(values) ? values.length : "no list"}`);
  }
  const contents = values.length === nbins ? [0, ...values, 0] : values;
  const run = Number(get(columns.run));
  const lumi = Number(get(columns.lumi));
  return {
    run,
    lumi,
    golden: get(columns.json) === "True",
    dcs: get(columns.dcs) === "True",
    histogram: {
      kind: "TH1",
      name: get(columns.hname),
      title: `${get(columns.hname)} run ${run} LS ${lumi}`,
      x: { nbins, min, max },
      contents: Float64Array.from(contents),
      entries: Number(get(columns.entries)),
    },
  };
}

/** Parses a whole CSV text (header + rows); blank lines are skipped. */
export function parseMl4dqmCsv(text: string): Ml4dqmRow[] {
  const lines = text.split(/\r?\n/);
  const header = lines.shift();
  if (!header) throw new HistogramFormatError("ML4DQM CSV: empty file");
  const columns = parseMl4dqmHeader(header);
  return lines.filter((l) => l.trim() !== "").map((l) => parseMl4dqmRow(l, columns));
}
