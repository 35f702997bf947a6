/**
 * Markdown for an issue, a wiki or a board paper: a summary (items, effort and cost per
 * route; items per classification) and a table per route. Every piece of item text goes
 * through `markdownCell`, so pipes, newlines and markup in the data cannot break the tables.
 * Rows are held in a section per route (the CLI spools them to disk) and placed under their
 * route's heading at the end, so a backlog of any size needs little memory.
 */
import type { Summary } from '../core/summary.js';
import type { Assessment, Classification } from '../core/types.js';
import { CLASSIFICATION_WORDS, decisionNote } from './columns.js';
import { markdownCell, markdownTable } from './markdown-text.js';
import { formatNumber } from './style.js';
import { RouteGroups, describeTotal, formatGbp, needsWhyColumn, sharedReason, type RouteTotals } from './totals.js';
import type { Finished, FormatContext, OutputFormat, Placement } from './types.js';

export const markdownFormat: OutputFormat = {
  create(context) {
    const groups = new RouteGroups(context.policy);
    return {
      // Each row is held in its route's section; whether the table has a Why column is
      // known only at the end, so the row is held with its reason and finished then.
      write(result) {
        const group = groups.add(result);
        return { section: group.route, text: JSON.stringify(heldRow(result.assessment)) };
      },
      end: (summary) => finishMarkdown(context, groups.list(), summary),
    };
  },
};

/** A row as held: its cells up to Conf as one line, whether a person decided it, and why. */
type HeldRow = [cells: string, overridden: 0 | 1, why: string];

function heldRow(a: Assessment): HeldRow {
  const cells = `| ${[markdownCell(a.id), markdownCell(a.title), CLASSIFICATION_WORDS[a.classification], String(a.alignment), String(a.transformation), a.confidence.toFixed(2)].join(' | ')} |`;
  return [cells, a.overridden ? 1 : 0, markdownCell(why(a))];
}

/** The row as printed, once the route's table is known to have a Why column or not. */
function rowRenderer(group: RouteTotals): (piece: string) => string {
  const shared = sharedReason(group);
  const whyColumn = needsWhyColumn(group);
  return (piece) => {
    const [cells, overridden, reason] = JSON.parse(piece) as HeldRow;
    if (!whyColumn) return `\n${cells}`;
    return `\n${cells} ${overridden === 1 || shared === undefined ? reason : ''} |`;
  };
}

/** The whole document. Reproducible: no clock time, so it diffs cleanly between runs. */
function finishMarkdown(context: FormatContext, groups: readonly RouteTotals[], summary: Summary): Finished {
  const { meta } = context;
  const parts = [
    `# Work triage: ${markdownCell(meta.principles.organisation)}`,
    `${formatNumber(summary.total)} ${summary.total === 1 ? 'item' : 'items'} scored with ${markdownCell(meta.principles.file)} ` +
      `(${meta.principles.hash.slice(0, 19)}…) by ${meta.tool.name} ${meta.tool.version}.`,
    '## Summary',
    routeSummaryTable(groups, summary),
    classificationTable(summary),
  ];
  if (summary.overridden > 0) parts.push(overrideLine(summary));
  const document: Array<string | Placement> = [];
  let text = parts.join('\n\n');
  for (const group of groups) {
    if (group.count === 0) continue;
    document.push(`${text}\n\n${routeSection(group).join('\n\n')}`, { section: group.route, render: rowRenderer(group) });
    text = '';
  }
  document.push(`${text}\n`);
  return document;
}

function routeSummaryTable(groups: readonly RouteTotals[], summary: Summary): string {
  const rows = groups.map((g) => [
    markdownCell(g.label),
    formatNumber(g.count),
    describeTotal(formatNumber(g.effortWeeks), g.effortKnown, g.count),
    describeTotal(formatGbp(g.costGbp), g.costKnown, g.count),
  ]);
  const sum = (pick: (g: RouteTotals) => number): number => groups.reduce((total, g) => total + pick(g), 0);
  rows.push([
    '**Total**',
    `**${formatNumber(summary.total)}**`,
    `**${describeTotal(formatNumber(sum((g) => g.effortWeeks)), sum((g) => g.effortKnown), summary.total)}**`,
    `**${describeTotal(formatGbp(sum((g) => g.costGbp)), sum((g) => g.costKnown), summary.total)}**`,
  ]);
  return markdownTable(['Route', 'Items', 'Effort (weeks)', 'Cost'], rows, new Set([1, 2, 3]));
}

function classificationTable(summary: Summary): string {
  const rows = (Object.keys(CLASSIFICATION_WORDS) as Classification[]).map((c) => [capitalise(CLASSIFICATION_WORDS[c]), formatNumber(summary.classifications[c])]);
  return markdownTable(['Classification', 'Items'], rows, new Set([1]));
}

function overrideLine(summary: Summary): string {
  const noun = summary.overridden === 1 ? 'item was' : 'items were';
  const stale = summary.stale > 0 ? ` ${formatNumber(summary.stale)} of those decisions ${summary.stale === 1 ? 'is' : 'are'} stale: the item changed after it was decided.` : '';
  return `${formatNumber(summary.overridden)} ${noun} decided by a person, overriding the tool; each row says what the tool recommended.${stale}`;
}

/** A route's heading, its reason when every row shares it, and its table's head; the rows follow. */
function routeSection(group: RouteTotals): string[] {
  const shared = sharedReason(group);
  const whyColumn = needsWhyColumn(group);
  const head = ['ID', 'Title', 'Classification', 'Align', 'Transf', 'Conf', ...(whyColumn ? ['Why'] : [])];
  const section = [`## ${markdownCell(group.label)} (${formatNumber(group.count)})`];
  if (group.description) section.push(markdownCell(group.description.trim()));
  if (shared) section.push(`**Why${whyColumn ? ', unless the row says otherwise' : ''}:** ${markdownCell(shared)}`);
  section.push(markdownTable(head, [], new Set([3, 4, 5])));
  return section;
}

/** The reason for the route; for an overridden item, the decision and what the tool recommended. */
function why(a: Assessment): string {
  const note = decisionNote(a);
  return note ? `Overridden. ${note}` : a.reason.trim();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
