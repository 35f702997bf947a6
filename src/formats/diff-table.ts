/**
 * `triage diff` for people at a terminal: a headline, each changed item before and after with
 * the reasons, and the from -> to matrix of routes. Plain aligned text, coloured only when
 * allowed; everything from the files goes through `printable`.
 */
import { printable } from '../core/printable.js';
import type { DiffReport } from '../core/diff-summary.js';
import { headline, labelOf, matrixRoutes, sideText, type RouteLabels } from './diff-words.js';
import { formatNumber, paintRoute, painter } from './style.js';

export interface DiffViewOptions {
  labels: RouteLabels;
  color: boolean;
}

export function renderDiffTable(report: DiffReport, { labels, color }: DiffViewOptions): string {
  const c = painter(color);
  const out: string[] = [c.bold(headline(report)), `  from ${report.meta.from.file}`, `  to   ${report.meta.to.file}`];
  for (const change of report.changes) {
    out.push('', `${c.bold(change.id)}  ${change.title}`);
    out.push(`  before  ${paintRoute(c, change.before.route, sideText(change.before, labels))}`);
    out.push(`  after   ${paintRoute(c, change.after.route, sideText(change.after, labels))}`);
    change.because.forEach((reason, i) => out.push(`  ${i === 0 ? 'why   ' : '      '}  ${reason}`));
  }
  const { onlyBefore, onlyAfter } = report.summary;
  if (onlyBefore || onlyAfter)
    out.push(
      '',
      `Not compared: ${formatNumber(onlyBefore ?? 0)} only in ${report.meta.from.file}, ${formatNumber(onlyAfter ?? 0)} only in ${report.meta.to.file}`,
    );
  out.push('', c.bold('Routes before (rows) and after (columns)'), ...matrixLines(report, labels));
  return printable(`${out.join('\n')}\n`, { lines: true, colour: color });
}

function matrixLines(report: DiffReport, labels: RouteLabels): string[] {
  const { rows, columns } = matrixRoutes(report, labels);
  if (rows.length === 0) return ['  no items'];
  const head = columns.map((id) => labelOf(labels, id));
  const names = rows.map((id) => labelOf(labels, id));
  const first = Math.max(...names.map((n) => n.length));
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => cell(report, r, columns[j] as string).length)));
  const line = (name: string, cells: string[]): string =>
    `  ${name.padEnd(first)}  ${cells.map((text, j) => text.padStart(widths[j] as number)).join('  ')}`.trimEnd();
  return [
    line('', head),
    ...rows.map((r, i) =>
      line(
        names[i] as string,
        columns.map((col) => cell(report, r, col)),
      ),
    ),
  ];
}

function cell(report: DiffReport, from: string, to: string): string {
  const n = report.summary.matrix[from]?.[to];
  return n === undefined ? '.' : formatNumber(n);
}
