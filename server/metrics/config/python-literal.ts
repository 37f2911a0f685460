/**
 * Parses HDQM's metric expressions, `module.Class(arg, …, key=value)`, whose arguments are
 * Python literals (numbers, strings, True/False/None, tuples and lists), as configparser handed
 * them to Python's eval in HDQM's calculate.py. Nothing is evaluated: only literals are accepted.
 */

export type PyValue = number | string | boolean | null | PyValue[];

export interface PyCall {
  readonly module: string;
  readonly name: string;
  readonly args: PyValue[];
  readonly kwargs: Record<string, PyValue>;
}

const TOKEN = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([()[\],.=]))/y;

type Token = { kind: "id" | "num" | "str" | "punct"; text: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`unexpected character at position ${at + 1}: '${src.slice(at).trim().slice(0, 10)}'`);
    if (m[1] !== undefined) out.push({ kind: "id", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "num", text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: "str", text: m[3] });
    else out.push({ kind: "punct", text: m[4] ?? "" });
  }
  return out;
}

export function parsePyCall(src: string): PyCall {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const expect = (text: string) => {
    const t = tokens[i++];
    if (t?.text !== text) throw new Error(`expected '${text}' but found '${t?.text ?? "end of expression"}'`);
  };
  const ident = () => {
    const t = tokens[i++];
    if (t?.kind !== "id") throw new Error(`expected a name but found '${t?.text ?? "end of expression"}'`);
    return t.text;
  };
  const value = (): PyValue => {
    const t = tokens[i++];
    if (!t) throw new Error("unexpected end of expression");
    if (t.kind === "num") return Number(t.text);
    if (t.kind === "str") return t.text.slice(1, -1).replace(/\\(.)/g, "$1");
    if (t.kind === "id") {
      if (t.text === "True") return true;
      if (t.text === "False") return false;
      if (t.text === "None") return null;
      throw new Error(`'${t.text}' is not a literal`);
    }
    if (t.text === "(" || t.text === "[") {
      const close = t.text === "(" ? ")" : "]";
      const items: PyValue[] = [];
      let comma = false;
      while (peek()?.text !== close) {
        items.push(value());
        comma = peek()?.text === ",";
        if (comma) i++;
        else break;
      }
      expect(close);
      // Python: (30.) is the number 30.0 in parentheses; only (30.,) is a one-element tuple.
      if (close === ")" && items.length === 1 && !comma) return items[0] ?? null;
      return items;
    }
    throw new Error(`unexpected '${t.text}'`);
  };

  const module = ident();
  expect(".");
  const name = ident();
  expect("(");
  const args: PyValue[] = [];
  const kwargs: Record<string, PyValue> = {};
  while (peek() && peek()?.text !== ")") {
    if (peek()?.kind === "id" && tokens[i + 1]?.text === "=") {
      const key = ident();
      i++;
      kwargs[key] = value();
    } else {
      if (Object.keys(kwargs).length > 0) throw new Error("positional argument after keyword argument");
      args.push(value());
    }
    if (peek()?.text === ",") i++;
    else break;
  }
  expect(")");
  if (i !== tokens.length) throw new Error(`unexpected '${tokens[i]?.text}' after the call`);
  return { module, name, args, kwargs };
}
