// Prints the chaos figures as a plain table, one row per run, columns in the order given.
export type Row = Record<string, string | number>;

export function printTable(title: string, rows: Row[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const width = (column: string) => Math.max(column.length, ...rows.map((r) => String(r[column] ?? '').length));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(width(columns[i]!)) : cell.padStart(width(columns[i]!)))).join('  ');
  console.log(`\n${title}`);
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => String(row[c] ?? ''))));
}
