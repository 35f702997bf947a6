/**
 * Markdown for an issue, a wiki or a board paper: a summary (items per route, with the
 * totals the principle set declares; items per classification) and a table per route. Every piece of item text goes
 * through `markdownCell`, so pipes, newlines and markup in the data cannot break the tables.
 * Rows are held in a section per route (the CLI spools them to disk) and placed under their
 * route's heading at the end, so a backlog of any size needs little memory.
 */
import { becauseOf } from '../core/because.js';
import type { Policy } from '../core/compile.js';
import { declaredTotals, type Summary } from '../core/summary.js';
import type { Assessment, Classification, WorkItem } from '../core/types.js';
import { CLASSIFICATION_WORDS, answersGiven, decisionNote } from './columns.js';
import { markdownCell, markdownTable } from './markdown-text.js';
import { formatNumber } from './style.js';
import { missingLine, unsettledLine } from './summary-text.js';
import { capacityMarkdown } from './capacity-report.js';
import { RouteGroups, describeTotal, formatTotal, grandTally, routeTally, totalHeading, type RouteTotals } from './totals.js';
import type { Finished, FormatContext, OutputFormat, Placement } from './types.js';

export const markdownFormat: OutputFormat = {
  create(context) {
    const groups = new RouteGroups(context.policy);
    return {
      // Each row is held in its route's section and placed under its heading at the end.
      write(result) {
        const group = groups.add(result);
        return { section: group.route, text: row(context.policy, result.item, result.assessment) };
      },
      end: (summary) => finishMarkdown(context, groups.list(), summary),
    };
  },
};

/**
 * One item's row: the title with its full description under it, the classification (`?`
 * when a missing fact could change the route), the scores, and the reason up front, with
 * the person's decision when there is one and the data to chase when it is not settled.
 */
function row(policy: Policy, item: WorkItem, a: Assessment): string {
  const description = item.values['description'];
  const title =
    typeof description === 'string' && description.trim() !== ''
      ? `**${markdownCell(a.title)}**<br>${markdownCell(description.trim())}`
      : markdownCell(a.title);
  const reason = becauseOf(policy, item, answersGiven(a));
  // Under its route's heading the route goes without saying, unless a person chose another.
  const because = [a.decision ? reason.text : capitalise(reason.why)];
  if (!a.firm) because.push(`Not settled: chase ${(a.missingFacts ?? []).join(', ')}.`);
  if (a.capacity?.fits === false) because.unshift(`Over capacity: ${a.recommended?.routeLabel ?? a.capacity.route} recommended, but ${a.capacity.because}.`);
  const note = decisionNote(a);
  if (note) because.unshift(a.overridden ? `Overridden. ${note}` : note);
  const klass = `${CLASSIFICATION_WORDS[a.classification]}${a.firm ? '' : '?'}`;
  return `\n| ${[markdownCell(a.id), title, klass, String(a.alignment), String(a.transformation), because.map(markdownCell).join('<br>')].join(' | ')} |`;
}

/** The whole document. Reproducible: no clock time, so it diffs cleanly between runs. */
function finishMarkdown(context: FormatContext, groups: readonly RouteTotals[], summary: Summary): Finished {
  const { meta } = context;
  const parts = [
    `# Work triage: ${markdownCell(meta.principles.organisation)}`,
    `${formatNumber(summary.total)} ${summary.total === 1 ? 'item' : 'items'} scored with ${markdownCell(meta.principles.file)} ` +
      `(${meta.principles.hash.slice(0, 19)}…) by ${meta.tool.name} ${meta.tool.version}.`,
    '## Summary',
    routeSummaryTable(context.policy, groups, summary),
    classificationTable(summary),
  ];
  const missing = missingLine(summary);
  if (missing !== '') parts.push(markdownCell(missing));
  if (summary.overridden + summary.confirmed > 0) parts.push(decisionsLine(summary));
  if (summary.unsettled > 0) parts.push(markdownCell(unsettledLine(summary)));
  const capacity = capacityMarkdown(summary);
  if (capacity) parts.push(capacity);
  const document: Array<string | Placement> = [];
  let text = parts.join('\n\n');
  for (const group of groups) {
    if (group.count === 0) continue;
    document.push(`${text}\n\n${routeSection(group).join('\n\n')}`, { section: group.route });
    text = '';
  }
  document.push(`${text}\n`);
  return document;
}

function routeSummaryTable(policy: Policy, groups: readonly RouteTotals[], summary: Summary): string {
  const totals = declaredTotals(policy);
  const rows = groups.map((g) => [
    markdownCell(g.label),
    formatNumber(g.count),
    ...totals.map((t) => {
      const { sum, known } = routeTally(summary, g.route, t.field);
      return describeTotal(formatTotal(sum, t, false), known, g.count);
    }),
  ]);
  rows.push([
    '**Total**',
    `**${formatNumber(summary.total)}**`,
    ...totals.map((t) => {
      const { sum, known } = grandTally(summary, t.field);
      return `**${describeTotal(formatTotal(sum, t, false), known, summary.total)}**`;
    }),
  ]);
  const numeric = new Set(Array.from({ length: totals.length + 1 }, (_, k) => k + 1));
  return markdownTable(['Route', 'Items', ...totals.map((t) => markdownCell(totalHeading(t)))], rows, numeric);
}

function classificationTable(summary: Summary): string {
  const rows = (Object.keys(CLASSIFICATION_WORDS) as Classification[]).map((c) => [
    capitalise(CLASSIFICATION_WORDS[c]),
    formatNumber(summary.classifications[c]),
  ]);
  return markdownTable(['Classification', 'Items'], rows, new Set([1]));
}

function decisionsLine(summary: Summary): string {
  const stale =
    summary.stale > 0
      ? ` ${formatNumber(summary.stale)} of those decisions ${summary.stale === 1 ? 'is' : 'are'} stale: the item changed after it was decided.`
      : '';
  return `Decided by a person: ${formatNumber(summary.overridden)} overridden, ${formatNumber(summary.confirmed)} confirmed; each row says what the tool recommended.${stale}`;
}

/** A route's heading, its description and its table's head; the rows follow. */
function routeSection(group: RouteTotals): string[] {
  const head = ['ID', 'Title', 'Classification', 'Align', 'Transf', 'Because'];
  const section = [`## ${markdownCell(group.label)} (${formatNumber(group.count)})`];
  if (group.description) section.push(markdownCell(group.description.trim()));
  section.push(markdownTable(head, [], new Set([3, 4])));
  return section;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
