/**
 * `triage calibrate` for people at a terminal: agreement before, after and held out; the
 * recommended x decided matrix; the rules overruled most; the proposed changes; the decided
 * items whose recommendation would change; and the change to the principle set, line by line.
 * Plain aligned text; everything from the files goes through `printable`.
 */
import type { ChalkInstance } from 'chalk';
import { changedLines } from '../core/calibrate/line-diff.js';
import { printable } from '../core/printable.js';
import { boundsWords, shareWords, validationWords, type CalibrationReport } from './calibrate-words.js';
import { labelOf, type RouteLabels } from './diff-words.js';
import { number } from './sensitivity-words.js';
import { formatNumber, paintRoute, painter } from './style.js';

export interface CalibrationViewOptions {
  labels: RouteLabels;
  color: boolean;
  /** Most item lines printed. */
  limit: number;
  /** The principle set's text before and after, for the changed lines. */
  before: string;
  after: string;
}

export function renderCalibrationTable(report: CalibrationReport, view: CalibrationViewOptions): string {
  const c = painter(view.color);
  const { agreement, meta } = report;
  const n = agreement.decided;
  const out = [c.bold(`Calibration of ${meta.principles.file} against ${formatNumber(n)} ${n === 1 ? 'decision' : 'decisions'} in ${meta.decisions}`)];
  const skipped = skippedWords(meta.skipped);
  if (skipped) out.push(c.dim(`  left out: ${skipped}`));
  out.push('', c.bold('Agreement: the recommendation is the route decided'));
  const rows: Array<[string, number, string]> = [
    ['before', agreement.agreed.before, 'with the set as it is'],
    [
      'proposed',
      agreement.agreed.after,
      report.changes.length === 0 ? 'no change agrees better' : `with the ${report.changes.length} ${report.changes.length === 1 ? 'change' : 'changes'} below`,
    ],
    [
      agreement.validation.method === 'leave-one-out' ? 'leave-one-out' : `${agreement.validation.folds}-fold`,
      agreement.agreed.leaveOneOut,
      validationWords(report),
    ],
  ];
  const counts = rows.map(([, agreed]) => shareWords(agreed, n));
  const wide = Math.max(...counts.map((s) => s.count.length));
  rows.forEach(([name, , note], k) => {
    const s = counts[k] as { count: string; percent: string };
    out.push(`  ${name.padEnd(13)}  ${s.count.padStart(wide)}  ${s.percent.padStart(6)}  ${c.dim(note)}`);
  });

  out.push('', c.bold('Recommended (rows) and decided (columns), with the set as it is'), ...matrixLines(report, view.labels));
  out.push(`  ${c.dim('agreement by decided route:')} ${byRouteWords(report, view.labels)}`);

  out.push('', c.bold('Rules overruled most often'));
  if (report.overruled.length === 0) out.push('  none: every decision confirmed its recommendation');
  const ruleWidth = Math.max(0, ...report.overruled.map((r) => r.rule.length));
  for (const r of report.overruled.slice(0, 5)) out.push(`  ${r.rule.padEnd(ruleWidth)}  ${r.overridden} of ${r.recommended} overridden`);
  if (report.overruled.length > 5) out.push(`  … ${report.overruled.length - 5} more in --format json`);

  out.push('', c.bold(`Proposed changes (${variedWords(report)}, each ${boundsWords(report)})`));
  if (report.changes.length === 0) out.push('  none: no value within the bounds agrees better than the set as it is');
  const idWidth = Math.max(0, ...report.changes.map((ch) => ch.parameter.length));
  const fromWidth = Math.max(0, ...report.changes.map((ch) => number(ch.from).length));
  for (const ch of report.changes) out.push(`  ${ch.parameter.padEnd(idWidth)}  ${number(ch.from).padStart(fromWidth)} → ${number(ch.to)}`);

  if (report.changes.length > 0) {
    out.push('', c.bold(`Decided items whose recommendation changes: ${formatNumber(report.moved.length)}`));
    for (const m of report.moved.slice(0, view.limit)) out.push(`  ${movedLine(c, m, view.labels)}`);
    if (report.moved.length > view.limit) out.push(`  … ${formatNumber(report.moved.length - view.limit)} more: use --limit to show more, or --format json`);
    out.push('', c.bold(`The change to ${meta.principles.file}`), ...changeLines(c, view.before, view.after));
  }
  return printable(`${out.join('\n')}\n`, { lines: true, colour: view.color });
}

function skippedWords(skipped: CalibrationReport['meta']['skipped']): string {
  const parts: string[] = [];
  if (skipped.expired > 0) parts.push(`${skipped.expired} expired`);
  if (skipped.stale > 0) parts.push(`${skipped.stale} stale (the item changed since)`);
  if (skipped.unmatched > 0) parts.push(`${skipped.unmatched} naming no item read`);
  return parts.join(', ');
}

function variedWords(report: CalibrationReport): string {
  const n = report.meta.vary.length;
  return `${n} ${n === 1 ? 'parameter' : 'parameters'} free to move`;
}

function matrixLines(report: CalibrationReport, labels: RouteLabels): string[] {
  const routes = Object.keys(report.matrix);
  const head = routes.map((id) => labelOf(labels, id));
  const first = Math.max(0, ...head.map((h) => h.length));
  const cell = (from: string, to: string): string => {
    const k = report.matrix[from]?.[to] ?? 0;
    return k === 0 ? '.' : formatNumber(k);
  };
  const widths = routes.map((to, j) => Math.max((head[j] as string).length, ...routes.map((from) => cell(from, to).length)));
  const line = (name: string, cells: string[]): string =>
    `  ${name.padEnd(first)}  ${cells.map((t, j) => t.padStart(widths[j] as number)).join('  ')}`.trimEnd();
  return [
    line('', head),
    ...routes.map((from, i) =>
      line(
        head[i] as string,
        routes.map((to) => cell(from, to)),
      ),
    ),
  ];
}

function byRouteWords(report: CalibrationReport, labels: RouteLabels): string {
  const parts = report.agreement.byRoute.filter((r) => r.decided > 0).map((r) => `${labelOf(labels, r.route)} ${r.before} of ${r.decided}`);
  return parts.length > 0 ? parts.join(' · ') : 'nothing decided';
}

function movedLine(c: ChalkInstance, m: CalibrationReport['moved'][number], labels: RouteLabels): string {
  const verdict =
    m.to === m.decided
      ? 'now as decided'
      : m.from === m.decided
        ? `no longer as decided (${labelOf(labels, m.decided)})`
        : `decided ${labelOf(labels, m.decided)}`;
  return `${c.bold(m.id)}  ${m.title}  ${paintRoute(c, m.from, labelOf(labels, m.from))} → ${paintRoute(c, m.to, labelOf(labels, m.to))}  ${c.dim(verdict)}`;
}

/** Each changed line of the set: its number, the old line, the new one. */
function changeLines(c: ChalkInstance, before: string, after: string): string[] {
  const changed = changedLines(before, after);
  const width = Math.max(0, ...changed.map((l) => String(l.line).length));
  return changed.flatMap((l) => [
    `  ${String(l.line).padStart(width)}  ${c.red(`-${l.before.replace(/\r$/, '')}`)}`,
    `  ${' '.repeat(width)}  ${c.green(`+${l.after.replace(/\r$/, '')}`)}`,
  ]);
}
