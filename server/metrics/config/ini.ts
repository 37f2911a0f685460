/**
 * A reader for HDQM's INI files with Python configparser's defaults (what HDQM used): `[section]`
 * headers, `key = value` or `key: value`, keys case-insensitive, `#`/`;` full-line comments,
 * indented lines continuing the previous value, no inline comments. A key given twice in a
 * section is recorded (configparser's strict mode refuses it) instead of overwriting the first,
 * and an unreadable line is recorded against its section, so one bad line costs one entry
 * rather than the file (configparser, and so HDQM, dropped the whole file).
 */

export interface IniSection {
  readonly name: string;
  readonly line: number;
  readonly values: Map<string, string>;
  readonly duplicateKeys: string[];
  readonly badLines: string[];
}

export interface IniFile {
  readonly sections: IniSection[];
  /** Unreadable lines before the first section header. */
  readonly strayLines: string[];
}

export function parseIni(text: string): IniFile {
  const sections: IniSection[] = [];
  const strayLines: string[] = [];
  let current: IniSection | undefined;
  let lastKey: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") {
      if (raw.trim() === "") lastKey = undefined;
      return;
    }
    if (/^\s/.test(raw) && current && lastKey) {
      current.values.set(lastKey, `${current.values.get(lastKey) ?? ""}\n${raw.trim()}`);
      return;
    }
    const header = /^\[(.+)\]\s*$/.exec(raw);
    if (header) {
      current = { name: (header[1] ?? "").trim(), line, values: new Map(), duplicateKeys: [], badLines: [] };
      sections.push(current);
      lastKey = undefined;
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv || !current) {
      (current?.badLines ?? strayLines).push(`line ${line}: expected '[section]' or 'key = value', got '${raw.trim()}'`);
      lastKey = undefined;
      return;
    }
    lastKey = (kv[1] ?? "").trim().toLowerCase();
    if (current.values.has(lastKey)) current.duplicateKeys.push(lastKey);
    current.values.set(lastKey, (kv[2] ?? "").trim());
  });
  return { sections, strayLines };
}
