import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchReport, BenchRow, Figure } from './types.ts';

/** A figure for people: 3 significant digits, thousands grouped. */
export function formatFigure(figure: Figure | null): string {
  if (!figure) return '-';
  const { value, unit } = figure;
  const abs = Math.abs(value);
  const text = abs >= 1000 ? Math.round(value).toLocaleString('en-US') : abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : abs >= 1 ? value.toFixed(2) : value.toFixed(3);
  return `${text} ${unit}`;
}

const verdict = (row: BenchRow): string => (row.pass === null ? 'info' : row.pass ? 'PASS' : 'FAIL');

/** The results table: metric, measured, machine limit, bar, PASS/FAIL (notes under each row). */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['metric', 'measured', 'machine limit', 'bar', 'result'];
  const body = rows.map((row) => [
    row.metric,
    formatFigure(row.measured) + (row.checked ? ` (${formatFigure(row.checked)})` : ''),
    row.limit ? `${formatFigure(row.limit)} [${row.limit.what}]` : '-',
    row.bar,
    verdict(row),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((cells) => cells[i]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-')];
  rows.forEach((row, i) => {
    out.push(line(body[i] ?? []));
    for (const note of row.notes ?? []) out.push(`    ${note}`);
  });
  return out.join('\n');
}

/** Writes the report as JSON (creating the folder). */
export function writeReport(file: string, report: BenchReport): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
