/**
 * `triage diff --format markdown`, for a pull-request comment: a headline, a table of the
 * changed items (before, after, why) and the from -> to matrix. Every piece of text from the
 * files goes through `markdownCell`, so it cannot break the tables or ping anyone.
 */
import type { DiffReport } from '../core/diff-summary.js';
import { headline, labelOf, matrixRoutes, sideText, type RouteLabels } from './diff-words.js';
import { markdownCell, markdownTable } from './markdown-text.js';
import { formatNumber } from './style.js';

/** More rows than this in a comment help nobody: the rest are counted, and JSON has them all. */
export const MARKDOWN_MAX_CHANGES = 200;

export function renderDiffMarkdown(report: DiffReport, { labels }: { labels: RouteLabels }): string {
  const { from, to } = report.meta;
  const parts = [`### ${markdownCell(headline(report))}`, `From ${markdownCell(from.file)} to ${markdownCell(to.file)}.`];
  if (report.changes.length > 0) {
    const shown = report.changes.slice(0, MARKDOWN_MAX_CHANGES);
    const rows = shown.map((c) => [
      markdownCell(c.id),
      markdownCell(c.title),
      markdownCell(sideText(c.before, labels)),
      markdownCell(sideText(c.after, labels)),
      c.because.map(markdownCell).join('<br>'),
    ]);
    parts.push(markdownTable(['Item', 'Title', 'Before', 'After', 'Why'], rows));
    const more = report.changes.length - shown.length;
    if (more > 0) parts.push(`… and ${formatNumber(more)} more: run triage diff with --format json for every change.`);
  }
  const { onlyBefore, onlyAfter } = report.summary;
  if (onlyBefore || onlyAfter)
    parts.push(
      `Not compared: ${formatNumber(onlyBefore ?? 0)} only in ${markdownCell(from.file)}, ${formatNumber(onlyAfter ?? 0)} only in ${markdownCell(to.file)}.`,
    );
  parts.push(matrixTable(report, labels));
  return `${parts.join('\n\n')}\n`;
}

function matrixTable(report: DiffReport, labels: RouteLabels): string {
  const { rows, columns } = matrixRoutes(report, labels);
  const head = ['Before ↓ after →', ...columns.map((id) => markdownCell(labelOf(labels, id)))];
  const body = rows.map((r) => [markdownCell(labelOf(labels, r)), ...columns.map((col) => formatNumber(report.summary.matrix[r]?.[col] ?? 0))]);
  const right = new Set(columns.map((_, j) => j + 1));
  return `<details><summary>Routes before and after</summary>\n\n${markdownTable(head, body, right)}\n\n</details>`;
}
