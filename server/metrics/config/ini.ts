/**
 * A reader for HDQM's INI files with Python configparser's defaults (what HDQM used): `[section]`
 * headers, `key = value` or `key: value`, keys case-insensitive, `#`/`;` full-line comments,
 * indented lines continuing the previous value.
 */

export interface IniSection {
  readonly name: string;
  readonly line: number;
  readonly values: Map<string, string>;
}

export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
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
      current = { name: (header[1] ?? "").trim(), line, values: new Map() };
      sections.push(current);
      lastKey = undefined;
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv || !current) throw new Error(`line ${line}: expected '[section]' or 'key = value', got '${raw.trim()}'`);
    lastKey = (kv[1] ?? "").toLowerCase();
    current.values.set(lastKey, (kv[2] ?? "").trim());
  });
  return sections;
}
