/**
 * Quality-test results that CMSSW writes into a DQM file, one TObjString key per (ME, test), named
 *   <ME.Test>qr=st.300. Test Dead (DeadChannel): Alive channel fraction = 0</ME.Test>    (older)
 *   <ME.Test>qr=st:300:0:DeadChannel:Alive channel fraction = 0</ME.Test>                  (newer)
 * (DQMServices/Core: the quality report's status, result, algorithm and message).
 */
export interface QualityReport {
  /** Short ME path (<Subsystem>/<rest>) of the ME the test ran on. */
  readonly mePath: string;
  readonly test: string;
  /** CMSSW's status code (100 OK, 200 WARNING, 300 ERROR, 30 OTHER, 50 DISABLED, 60 INVALID, 70 INSUF_STAT, 90 DID_NOT_RUN). */
  readonly status: number;
  readonly result: number | null;
  readonly algorithm: string | null;
  readonly message: string;
}

const KEY = /^<([^>]+)>qr=st([.:])(.*)<\/\1>$/s;
const OLD_BODY = /^(\d+)\.\s*(.*)$/s;
const NEW_BODY = /^(\d+):([^:]*):([^:]*):(.*)$/s;
const OLD_ALGORITHM = /^Test \S+ \(([^)]+)\)/;
const TRAILING_NUMBER = /=\s*(-?[\d.]+(?:e[-+]?\d+)?)\s*$/i;

function numberOrNull(s: string | undefined): number | null {
  if (s === undefined || s.trim() === "") return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The report in a key's name, or null when the key is not a quality report. `folder` is the ME's folder as a short path. */
export function parseQualityReport(keyName: string, folder: string): QualityReport | null {
  const m = KEY.exec(keyName);
  if (!m) return null;
  const [, tag, sep, body] = m as unknown as [string, string, string, string];
  const dot = tag.lastIndexOf(".");
  if (dot <= 0) return null;
  const me = tag.slice(0, dot);
  const test = tag.slice(dot + 1);
  const mePath = folder ? `${folder}/${me}` : me;
  if (sep === ":") {
    const n = NEW_BODY.exec(body);
    if (!n) return null;
    return { mePath, test, status: Number(n[1]), result: numberOrNull(n[2]), algorithm: n[3] || null, message: n[4] ?? "" };
  }
  const o = OLD_BODY.exec(body);
  if (!o) return null;
  const message = (o[2] ?? "").trim();
  return { mePath, test, status: Number(o[1]), result: numberOrNull(TRAILING_NUMBER.exec(message)?.[1]), algorithm: OLD_ALGORITHM.exec(message)?.[1] ?? null, message };
}
