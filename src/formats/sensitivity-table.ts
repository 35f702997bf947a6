/**
 * `triage sensitivity` for people at a terminal: each parameter with its value and the interval
 * in which no item's route changes, then the most fragile items with their nearest route
 * changes, as sentences. Plain aligned text; everything from the files goes through `printable`.
 */
import { printable } from '../core/printable.js';
import { labelOf } from './diff-words.js';
import { flipWords, itemLines, number, percentWords, stableWords, type SensitivityReport, type SensitivityViewOptions } from './sensitivity-words.js';
import { formatNumber, paintRoute, painter } from './style.js';

export function renderSensitivityTable(report: SensitivityReport, { labels, color, limit }: SensitivityViewOptions): string {
  const c = painter(color);
  const items = report.items.length;
  const out = [
    c.bold(
      `Sensitivity of ${formatNumber(items)} ${items === 1 ? 'item' : 'items'} to ${report.parameters.length} parameters of ${report.meta.principles.file}`,
    ),
    '',
  ];
  const rows = report.parameters.map((p) => {
    const moving = new Set(p.flips.map((f) => f.item)).size;
    return [
      p.id,
      number(p.value),
      stableWords(p),
      moving === 0 ? 'no route changes' : `${formatNumber(moving)} ${moving === 1 ? 'item changes' : 'items change'}`,
    ];
  });
  const widths = [0, 1, 2].map((k) =>
    Math.max(...[['parameter', 'value', 'stable (no route changes)'][k] as string, ...rows.map((r) => r[k] as string)].map((t) => t.length)),
  );
  const line = (cells: string[]): string =>
    `  ${(cells[0] as string).padEnd(widths[0] as number)}  ${(cells[1] as string).padStart(widths[1] as number)}  ${(cells[2] as string).padEnd(widths[2] as number)}  ${cells[3] as string}`.trimEnd();
  out.push(c.dim(line(['parameter', 'value', 'stable (no route changes)', 'in the whole range'])), ...rows.map(line));

  const lines = itemLines(report);
  out.push(
    '',
    c.bold(
      report.within
        ? `Items whose route changes within ±${number(report.within.percent)}% of a parameter: ${formatNumber(lines.length)}`
        : 'Most fragile items: the nearest route change for each parameter',
    ),
  );
  if (lines.length === 0) out.push('  none');
  for (const entry of lines.slice(0, limit)) {
    out.push(`  ${c.bold(entry.id)}  ${entry.title}  (${paintRoute(c, entry.route, labelOf(labels, entry.route))})`);
    for (const { flip, p } of entry.flips) out.push(`    ${paintRoute(c, flip.route, flipWords(flip, p, labels))}  ${c.dim(`(${percentWords(flip, p)})`)}`);
  }
  if (lines.length > limit) out.push(`  … ${formatNumber(lines.length - limit)} more: use --limit to show more, or --format json for every change`);
  return printable(`${out.join('\n')}\n`, { lines: true, colour: color });
}
