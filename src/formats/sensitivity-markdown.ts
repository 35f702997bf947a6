/**
 * `triage sensitivity --format markdown`: the parameters with their stable intervals, and the
 * most fragile items with their nearest route changes, for an issue or a pull request. Every
 * piece of text from the files goes through `markdownCell`.
 */
import { labelOf } from './diff-words.js';
import { markdownCell, markdownTable } from './markdown-text.js';
import { flipWords, itemLines, number, percentWords, stableWords, type SensitivityReport, type SensitivityViewOptions } from './sensitivity-words.js';
import { formatNumber } from './style.js';

export function renderSensitivityMarkdown(report: SensitivityReport, { labels, limit }: Omit<SensitivityViewOptions, 'color'>): string {
  const items = report.items.length;
  const parts = [
    `### Sensitivity of ${formatNumber(items)} ${items === 1 ? 'item' : 'items'} to ${report.parameters.length} parameters of ${markdownCell(report.meta.principles.file)}`,
    markdownTable(
      ['Parameter', 'Value', 'Stable (no route changes)', 'Items that can change'],
      report.parameters.map((p) => [markdownCell(p.id), number(p.value), stableWords(p), formatNumber(new Set(p.flips.map((f) => f.item)).size)]),
      new Set([1, 3]),
    ),
  ];
  const lines = itemLines(report);
  parts.push(
    report.within
      ? `Items whose route changes within ±${number(report.within.percent)}% of a parameter: ${formatNumber(lines.length)}.`
      : 'Most fragile items, with the nearest route change for each parameter:',
  );
  if (lines.length > 0) {
    const rows = lines
      .slice(0, limit)
      .map((e) => [
        markdownCell(e.id),
        markdownCell(e.title),
        markdownCell(labelOf(labels, e.route)),
        e.flips.map(({ flip, p }) => markdownCell(`${flipWords(flip, p, labels)} (${percentWords(flip, p)})`)).join('<br>'),
      ]);
    parts.push(markdownTable(['Item', 'Title', 'Route', 'Changes'], rows));
    if (lines.length > limit) parts.push(`… and ${formatNumber(lines.length - limit)} more: run triage sensitivity with --format json for every change.`);
  }
  return `${parts.join('\n\n')}\n`;
}
