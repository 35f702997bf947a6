/**
 * Markdown for an issue, a wiki or a board paper: a summary (items, effort and cost per
 * route; items per classification) and a table per route. Every piece of item text goes
 * through `markdownCell`, so pipes, newlines and markup in the data cannot break the tables.
 */
import type { Summary } from '../core/summary.js';
import type { AssessedItem, Assessment, Classification } from '../core/types.js';
import { CLASSIFICATION_WORDS, decisionNote, sharedReason } from './columns.js';
import { markdownCell, markdownTable } from './markdown-text.js';
import { formatNumber } from './style.js';
import { describeTotal, formatGbp, totalsByRoute, type RouteTotals } from './totals.js';
import type { FormatContext, OutputFormat } from './types.js';

export const markdownFormat: OutputFormat = {
  name: 'markdown',
  description: 'a summary and a table per route, to paste into an issue, a wiki or a paper',
  streaming: false,
  create(context) {
    const results: AssessedItem[] = [];
    return {
      write(result) {
        results.push(result);
        return undefined;
      },
      end: (summary) => renderMarkdown(context, results, summary),
    };
  },
};

/** The whole document. Reproducible: no clock time, so it diffs cleanly between runs. */
export function renderMarkdown(context: FormatContext, results: readonly AssessedItem[], summary: Summary): string {
  const { meta } = context;
  const groups = totalsByRoute(context.policy, results);
  const parts = [
    `# Work triage: ${markdownCell(meta.principles.organisation)}`,
    `${summary.total} ${summary.total === 1 ? 'item' : 'items'} scored with ${markdownCell(meta.principles.file)} ` +
      `(${meta.principles.hash.slice(0, 19)}…) by ${meta.tool.name} ${meta.tool.version}.`,
    '## Summary',
    routeSummaryTable(groups, summary),
    classificationTable(summary),
  ];
  if (summary.overridden > 0) parts.push(overrideLine(summary));
  for (const group of groups) {
    if (group.items.length > 0) parts.push(...routeSection(group));
  }
  return `${parts.join('\n\n')}\n`;
}

function routeSummaryTable(groups: readonly RouteTotals[], summary: Summary): string {
  const rows = groups.map((g) => [
    markdownCell(g.label),
    String(g.items.length),
    describeTotal(formatNumber(g.effortWeeks), g.effortKnown, g.items.length),
    describeTotal(formatGbp(g.costGbp), g.costKnown, g.items.length),
  ]);
  const sum = (pick: (g: RouteTotals) => number): number => groups.reduce((total, g) => total + pick(g), 0);
  rows.push([
    '**Total**',
    `**${summary.total}**`,
    `**${describeTotal(formatNumber(sum((g) => g.effortWeeks)), sum((g) => g.effortKnown), summary.total)}**`,
    `**${describeTotal(formatGbp(sum((g) => g.costGbp)), sum((g) => g.costKnown), summary.total)}**`,
  ]);
  return markdownTable(['Route', 'Items', 'Effort (weeks)', 'Cost'], rows, new Set([1, 2, 3]));
}

function classificationTable(summary: Summary): string {
  const rows = (Object.keys(CLASSIFICATION_WORDS) as Classification[]).map((c) => [capitalise(CLASSIFICATION_WORDS[c]), String(summary.classifications[c])]);
  return markdownTable(['Classification', 'Items'], rows, new Set([1]));
}

function overrideLine(summary: Summary): string {
  const noun = summary.overridden === 1 ? 'item was' : 'items were';
  const stale = summary.stale > 0 ? ` ${summary.stale} of those decisions ${summary.stale === 1 ? 'is' : 'are'} stale: the item changed after it was decided.` : '';
  return `${summary.overridden} ${noun} decided by a person, overriding the tool; each row says what the tool recommended.${stale}`;
}

function routeSection(group: RouteTotals): string[] {
  // When every item went here for the same reason, say it once rather than on every row.
  const shared = sharedReason(group.items);
  const whyColumn = shared === undefined || group.items.some((r) => r.assessment.overridden);
  const head = ['ID', 'Title', 'Classification', 'Align', 'Transf', 'Conf', ...(whyColumn ? ['Why'] : [])];
  const rows = group.items.map(({ assessment: a }) => {
    const cells = [
      markdownCell(a.id),
      markdownCell(a.title),
      CLASSIFICATION_WORDS[a.classification],
      String(a.alignment),
      String(a.transformation),
      a.confidence.toFixed(2),
    ];
    if (whyColumn) cells.push(a.overridden || shared === undefined ? markdownCell(why(a)) : '');
    return cells;
  });
  const section = [`## ${markdownCell(group.label)} (${group.items.length})`];
  if (group.description) section.push(markdownCell(group.description.trim()));
  if (shared) section.push(`**Why${whyColumn ? ', unless the row says otherwise' : ''}:** ${markdownCell(shared)}`);
  section.push(markdownTable(head, rows, new Set([3, 4, 5])));
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
