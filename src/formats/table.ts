/** The terminal table: one row per item, route coloured, scores aligned, a summary line. */
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { declaredTotals, type Summary } from '../core/summary.js';
import { printable } from '../core/printable.js';
import type { Assessment, Classification, TotalSpec } from '../core/types.js';
import { describeTotal, formatTotal, grandTally, routeTally, totalHeading } from './totals.js';
import { collectingSink } from './collect.js';
import { missingParts, unsettledParts } from './summary-text.js';
import { provenanceLine } from './trace.js';
import { wrapParts } from './wrap.js';
import { CLASSIFICATION_SHORT, formatNumber, paintClassification, paintRoute, painter, truncate } from './style.js';
import type { FormatContext, OutputFormat } from './types.js';

/** Widest view that still fits the Rule column. */
const WIDE = 120;
const MIN_TITLE = 20;

export const tableFormat: OutputFormat = {
  // The first `limit` rows are kept, and of them only what the table shows.
  create: (context) =>
    collectingSink(
      ({ assessment }) => tableRow(assessment),
      (rows, summary) => renderTable(context, rows, summary),
      context.limit,
    ),
};

/** What the table shows of an item. */
type Row = Pick<
  Assessment,
  'id' | 'title' | 'route' | 'routeLabel' | 'overridden' | 'classification' | 'alignment' | 'transformation' | 'confidence' | 'rule' | 'firm'
> & {
  confirmed: boolean;
  stale: boolean;
  /** Did not fit its route's capacity, so took the overflow route. */
  over: boolean;
};

function tableRow(a: Assessment): Row {
  const { id, title, route, routeLabel, overridden, classification, alignment, transformation, confidence, rule, firm } = a;
  return {
    id,
    title,
    route,
    routeLabel,
    overridden,
    classification,
    alignment,
    transformation,
    confidence,
    rule,
    firm,
    confirmed: a.decision?.kind === 'confirmed',
    stale: a.decision?.stale === true,
    over: a.capacity?.fits === false,
  };
}

/** The rows kept, a line on those left out, and the summary of them all. */
function renderTable(context: FormatContext, rows: readonly Row[], summary: Summary): string {
  const c = painter(context.color);
  const hidden = summary.total - rows.length;
  const parts = [rows.length > 0 ? table(rows, context, c) : 'No items to show.'];
  if (hidden > 0) {
    parts.push(`… ${formatNumber(hidden)} more not shown: use --limit to show more, or --format csv for every row.`);
  }
  parts.push(c.dim(provenanceLine(context.meta)));
  if (summary.total > 0) for (const t of declaredTotals(context.policy)) parts.push(wrapParts(totalParts(summary, t), ' ', context.width).join('\n'));
  // The data missing first: the summary and what to chase end the output, where the eye lands.
  const missing = missingParts(summary);
  if (missing.length > 0) parts.push(wrapParts(missing, ' ', context.width ?? Number.POSITIVE_INFINITY).join('\n'));
  parts.push(summaryLine(summary, c, { width: context.width }));
  // Labels come from the principle set, a file too: nothing in it may drive the terminal.
  return printable(`${parts.join('\n')}\n`, { lines: true, colour: context.color });
}

function table(rows: readonly Row[], context: FormatContext, c: ChalkInstance): string {
  const layout = chooseLayout(rows, context.width);
  const head = ['ID', 'Title', 'Route', 'Class', 'Align', 'Transf', 'Conf'];
  if (layout.rule) head.push('Rule');
  const table = new Table({
    head: context.color ? head.map((h) => c.bold(h)) : head,
    style: { head: [], border: [], compact: true },
    wordWrap: false,
  });
  for (const a of rows) {
    const row: Table.Cell[] = [
      truncate(a.id, layout.id),
      truncate(a.title, layout.title),
      paintRoute(c, a.route, routeText(a)),
      paintClassification(c, a.classification, classText(a, layout)),
      { content: String(a.alignment), hAlign: 'right' },
      { content: String(a.transformation), hAlign: 'right' },
      { content: a.confidence.toFixed(2), hAlign: 'right' },
    ];
    if (layout.rule) row.push(a.rule);
    table.push(row);
  }
  return table.toString();
}

const TINY_CLASSES: Record<Classification, string> = {
  transformational: 'transf.',
  borderline: 'border.',
  'business-as-usual': 'BAU',
};

interface Layout {
  id: number;
  title: number;
  rule: boolean;
  classes: Record<Classification, string>;
}

/** Fit the table to the terminal: the title takes what is left; narrow terminals get short words. */
function chooseLayout(rows: readonly Row[], width: number): Layout {
  const id = Math.min(16, Math.max(2, ...rows.map((r) => r.id.length)));
  const route = Math.max(5, ...rows.map((r) => routeText(r).length));
  const rule = Math.max(4, ...rows.map((r) => r.rule.length));
  const titleFor = (classes: Record<Classification, string>, withRule: boolean): number => {
    const klass = Math.max(5, ...rows.map((r) => classes[r.classification].length + (r.firm ? 0 : 1)));
    const others = [id, route, klass, 5, 6, 4, ...(withRule ? [rule] : [])];
    // Each column pads its content by one space on each side; borders sit between and around.
    const used = others.reduce((sum, w) => sum + w + 2, 0) + 2 + (others.length + 2);
    return width - used;
  };
  if (width >= WIDE && titleFor(CLASSIFICATION_SHORT, true) >= MIN_TITLE + 8) {
    return { id, title: titleFor(CLASSIFICATION_SHORT, true), rule: true, classes: CLASSIFICATION_SHORT };
  }
  if (titleFor(CLASSIFICATION_SHORT, false) >= MIN_TITLE) {
    return { id, title: titleFor(CLASSIFICATION_SHORT, false), rule: false, classes: CLASSIFICATION_SHORT };
  }
  return { id, title: Math.max(12, titleFor(TINY_CLASSES, false)), rule: false, classes: TINY_CLASSES };
}

/** Route label, marked when a person decided it: `*` overridden, `=` confirmed, `!` stale; `^` over capacity. */
function routeText(a: Pick<Row, 'routeLabel' | 'overridden' | 'confirmed' | 'stale' | 'over'>): string {
  const mark = `${a.overridden ? '*' : a.confirmed ? '=' : ''}${a.stale ? '!' : ''}${a.over ? '^' : ''}`;
  return mark ? `${a.routeLabel} ${mark}` : a.routeLabel;
}

/** The classification, with `?` when a missing fact could still change the route. */
function classText(a: Row, layout: Layout): string {
  return `${layout.classes[a.classification]}${a.firm ? '' : '?'}`;
}

/**
 * `Effort (weeks): The Union 158 · Council 26 · ... · total 264 (20 of 22 known)`: one of the
 * set's totals by route (routes with items), in pieces a line may break between.
 */
function totalParts(summary: Summary, spec: TotalSpec): string[] {
  const routes = Object.entries(summary.routes).filter(([, route]) => route.count > 0);
  const words = [`${totalHeading(spec)}:`];
  for (const [id, route] of routes) {
    const { sum, known } = routeTally(summary, id, spec.field);
    words.push(`${route.label} ${known === 0 ? 'unknown' : formatTotal(sum, spec, false)} ·`);
  }
  const all = grandTally(summary, spec.field);
  words.push(`total ${describeTotal(formatTotal(all.sum, spec, false), all.known, summary.total)}`);
  return words;
}

export interface SummaryLineOptions {
  /** Wrap to this many columns (default: no wrapping). */
  width?: number;
  /** Name the marks the table uses (`*`, `=`, `!`, `?`); off for outputs that show none. */
  marks?: boolean;
}

/**
 * `20 items: The Union 5 · Council 4 · ...`, routes in the set's order, empty routes left
 * out, then the decisions and what is not settled; wrapped to the width between the parts.
 */
export function summaryLine(summary: Summary, c: ChalkInstance, options: SummaryLineOptions = {}): string {
  const width = options.width ?? Number.POSITIVE_INFINITY;
  const marks = options.marks ?? true;
  const routes = Object.entries(summary.routes).filter(([, route]) => route.count > 0);
  const words: string[] = [formatNumber(summary.total), `${summary.total === 1 ? 'item' : 'items'}${routes.length > 0 ? ':' : ''}`];
  // A route with its count is never broken; the `·` after it stays with it.
  routes.forEach(([id, route], k) => words.push(`${paintRoute(c, id, `${route.label} ${formatNumber(route.count)}`)}${k < routes.length - 1 ? ' ·' : ''}`));
  const mark = (symbol: string): string => (marks ? ` ${symbol}` : '');
  const decided = [
    summary.overridden > 0 ? `${formatNumber(summary.overridden)} overridden${mark('*')}` : '',
    summary.confirmed > 0 ? `${formatNumber(summary.confirmed)} confirmed${mark('=')}` : '',
    summary.stale > 0 ? `${formatNumber(summary.stale)} stale${mark('!')}` : '',
  ].filter(Boolean);
  words.push(...decided.map((d, k) => `${k === 0 ? '(decisions: ' : ''}${d}${k < decided.length - 1 ? ',' : ')'}`));
  const lines = wrapParts(words, ' ', width);
  if (summary.unsettled > 0) lines.push(...wrapParts(unsettledParts(summary, marks), ' ', width));
  lines.push(...capacityLines(summary, marks).flatMap((line) => wrapParts(line, ' ', width)));
  return lines.join('\n');
}

/** `capacity 2026-27: The Union 98 of 100 effort_weeks, ... · 2 over capacity ^`, a line per route with a capacity. */
function capacityLines(summary: Summary, marks: boolean): string[][] {
  const lines: string[][] = [];
  for (const route of Object.values(summary.routes)) {
    const capacity = route.capacity;
    if (!capacity) continue;
    const words = [`capacity${capacity.period !== undefined ? ` ${capacity.period}` : ''}:`, route.label];
    const fields = Object.keys(capacity.limit);
    fields.forEach((field, k) =>
      words.push(`${formatNumber(capacity.used[field] ?? 0)} of ${formatNumber(capacity.limit[field] ?? 0)} ${field}${k < fields.length - 1 ? ',' : ''}`),
    );
    if (capacity.over > 0) words.push(`· ${formatNumber(capacity.over)} over capacity${marks ? ' ^' : ''}`);
    if (!capacity.optimal) words.push(`(best found in the time limit, within ${((capacity.gap ?? 0) * 100).toFixed(2)}% of the best possible)`);
    lines.push(words);
  }
  return lines;
}
