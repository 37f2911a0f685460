/** CSV text from rows of cells (RFC 4180 quoting), for the "Export CSV" buttons. */
export type Cell = string | number | boolean | null | undefined | Date;

function quote(c: Cell): string {
  if (c === null || c === undefined) return "";
  const s = c instanceof Date ? c.toISOString() : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(quote).join(",")).join("\n") + "\n";
}
