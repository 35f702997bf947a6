/**
 * The HTML report: one self-contained file for a board paper or an email. Headline counts,
 * the alignment/transformation chart, a table per route and each item's explanation behind
 * a `<details>`. Inline CSS and SVG only; a Content-Security-Policy forbids scripts and
 * fetching anything, so the file behaves the same offline, in a mail client or in a browser.
 */
import { capacityHtml } from './capacity-report.js';
import { explainAssessment } from '../core/assess.js';
import { declaredTotals, type Summary } from '../core/summary.js';
import { becauseOf } from '../core/because.js';
import type { Policy } from '../core/compile.js';
import type { AssessedItem, Assessment, WorkItem } from '../core/types.js';
import { missingLine, unsettledLine } from './summary-text.js';
import { CLASSIFICATION_WORDS, answersGiven } from './columns.js';
import { renderChart } from './html-chart.js';
import { ChartData } from './html-chart-data.js';
import { chartTable } from './html-chart-table.js';
import { renderDetails } from './html-explain.js';
import { DEFAULT_FRAGILE_LIMIT, renderFragileSection } from './html-fragile.js';
import { FragileCollector } from '../core/sensitivity/analyse.js';
import { html, type Markup } from './html-markup.js';
import { routeClass, styleSheet } from './html-style.js';
import { routeMarks, type RouteMark } from './route-marks.js';
import { formatNumber } from './style.js';
import { shape } from './svg-shapes.js';
import { chartLines } from './thresholds.js';
import { RouteGroups, describeTotal, formatTotal, routeTally, totalShortHeading, type RouteTotals } from './totals.js';
import type { Finished, FormatContext, OutputFormat, Placement, RunMeta, Sink } from './types.js';

export const htmlFormat: OutputFormat = {
  create: (context) => createHtmlSink(context),
};

/**
 * Explanations past this many items are left out: each is about 11 KB, so a backlog of a
 * million rows would otherwise make a report of gigabytes. The report says so.
 */
export const MAX_EXPLAINED = 1000;

/**
 * Each item's table row is held in its route's section, and the first MAX_EXPLAINED
 * explanations of each route in another; the chart keeps a few numbers per item (or only
 * counts, past MAX_DOTS). What only the end knows (whether a table has a Why column, which
 * items are among the first MAX_EXPLAINED in route order) is settled as the pieces are placed.
 */
function createHtmlSink(context: FormatContext): Sink {
  const groups = new RouteGroups(context.policy);
  const chart = new ChartData();
  const fragile = new FragileCollector(context.policy, FRAGILE_PERCENT, DEFAULT_FRAGILE_LIMIT);
  let number = 0;
  return {
    write(result) {
      number++;
      const group = groups.add(result);
      chart.add(result.assessment);
      fragile.add(result.item);
      const row = { section: rowsOf(group.route), text: JSON.stringify(heldRow(groups, context.policy, result, number)) };
      // Only these could be among the first MAX_EXPLAINED in route order.
      if (group.count > MAX_EXPLAINED) return row;
      return [row, { section: explanationsOf(group.route), text: details(context, groups, result, number).text }];
    },
    end: (summary) => finishReport(context, groups, chart, fragile, summary),
  };
}

const rowsOf = (route: string): string => `rows ${route}`;
const explanationsOf = (route: string): string => `explanations ${route}`;

/** Everything the page's parts need, worked out once at the end. */
interface Page {
  context: FormatContext;
  summary: Summary;
  groups: RouteTotals[];
  chart: ChartData;
  fragile: FragileCollector;
  marks: Map<string, RouteMark>;
  /** Index of each route, for its colour class. */
  index: Map<string, number>;
}

/** The whole report as one HTML document, with the held rows and explanations in place. */
function finishReport(context: FormatContext, routeGroups: RouteGroups, chart: ChartData, fragile: FragileCollector, summary: Summary): Finished {
  const groups = routeGroups.list();
  const routeIds = groups.map((g) => g.route);
  const page: Page = { context, summary, groups, chart, fragile, marks: routeMarks(routeIds), index: new Map(routeIds.map((id, i) => [id, i])) };
  return [
    pageHead(page).text,
    ...routeSections(page),
    '\n',
    fragileSection(page).text,
    '\n',
    ...explanations(page),
    `\n</main>\n${footer(context.meta).text}\n</div>\n</body>\n</html>\n`,
  ];
}

/** From the doctype to the chart. */
function pageHead(page: Page): Markup {
  const { meta } = page.context;
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${meta.tool.name} ${meta.tool.version}">
<title>Work triage: ${meta.principles.organisation}</title>
${styleSheet([...page.marks.values()], { density: page.chart.marks() === undefined })}
</head>
<body>
<a class="skip-link" href="#main">Skip to the report</a>
<div class="page">
${header(page)}
<main id="main" tabindex="-1">
${title(page)}
${headline(page)}
${chartSection(page)}
${capacitySection(page)}`;
}

/** The capacity section and the line after it, or nothing when the set declares no capacity. */
function capacitySection(page: Page): Markup | string {
  const section = capacityHtml(page.summary);
  return section
    ? html`${section}
`
    : '';
}

/** A section per route with items: its head, its rows in place, its end. */
function routeSections(page: Page): Array<string | Placement> {
  const parts: Array<string | Placement> = [];
  // Items in the routes before, in route order: which rows are among the first MAX_EXPLAINED.
  let before = 0;
  for (const group of page.groups) {
    if (group.count > 0) {
      parts.push(
        routeSectionHead(page, group).text,
        { section: rowsOf(group.route), render: rowRenderer(group, before) },
        '</tbody>\n</table></div>\n</section>',
      );
    }
    before += group.count;
  }
  return parts;
}

/** The explanations of the first MAX_EXPLAINED items in route order, and a note on the rest. */
function explanations(page: Page): Array<string | Placement> {
  const { total } = page.summary;
  if (total === 0) return [];
  const parts: Array<string | Placement> = [explanationsHead().text];
  let before = 0;
  for (const group of page.groups) {
    const explained = Math.max(0, Math.min(group.count, MAX_EXPLAINED - before));
    if (explained > 0) parts.push({ section: explanationsOf(group.route), render: firstOnly(explained) });
    before += group.count;
  }
  parts.push(explanationsTail(total - Math.min(total, MAX_EXPLAINED)).text);
  return parts;
}

/** The page's banner: what it is, and links to each of its parts. */
function header(page: Page): Markup {
  const { meta } = page.context;
  const routes = page.groups.filter((g) => g.count > 0);
  return html`<header>
<p class="kicker">Work triage · ${meta.principles.organisation}</p>
<nav aria-label="Contents"><ul class="contents">
<li><a href="#counts">Headline counts</a></li>
<li><a href="#chart">Where the work sits</a></li>
${routes.map((g) => html`<li><a href="#${sectionId(page, g.route)}">${g.label}</a></li>\n`)}<li><a href="#fragile">Fragile items</a></li>
${page.summary.total > 0 ? html`<li><a href="#explanations">How each item was assessed</a></li>` : ''}
</ul></nav>
</header>`;
}

function title(page: Page): Markup {
  const { meta } = page.context;
  const n = page.summary.total;
  return html`<h1>${formatNumber(n)} ${n === 1 ? 'item' : 'items'}: who should take the work</h1>
<p class="meta">Scored ${formatDate(meta.generatedAt)} against <b>${meta.principles.file}</b> (${meta.principles.hash.slice(0, 19)}…) from ${meta.inputs.join(', ')}.</p>`;
}

/** Within this share of a weight, points, threshold or limit, a route that changes is fragile. */
const FRAGILE_PERCENT = 20;

/** The items whose route rests on a small difference: one parameter moved by 20% or less changes it. */
function fragileSection(page: Page): Markup {
  const labels = new Map(page.groups.map((g) => [g.route, g.label]));
  const { fragile } = page;
  return renderFragileSection(fragile.items(), {
    percent: FRAGILE_PERCENT,
    parameters: fragile.parameterResults(),
    labels,
    limit: DEFAULT_FRAGILE_LIMIT,
    total: fragile.count,
  });
}

/** The id of a route's section, by its place (route ids may be any text). */
function sectionId(page: Page, route: string): string {
  return `section-${page.index.get(route) ?? 0}`;
}

function headline(page: Page): Markup {
  const totals = declaredTotals(page.context.policy);
  const cards = page.groups.map((g) => {
    const cls = routeClass(page.index.get(g.route) ?? 0);
    const count = g.count;
    return html`<div class="card ${cls}${count === 0 ? ' empty' : ''}">
<div class="count">${formatNumber(count)}</div>
<div class="label">${g.label}</div>
${
  count > 0 && totals.length > 0
    ? html`<div class="money">${totals.map((t, k) => {
        const { sum, known } = routeTally(page.summary, g.route, t.field);
        return html`${k > 0 ? html`<br>` : ''}${describeTotal(formatTotal(sum, t, true), known, count)}`;
      })}</div>`
    : ''
}
</div>`;
  });
  const { classifications, overridden, confirmed, stale, unsettled } = page.summary;
  return html`<section id="counts" aria-labelledby="counts-head">
<h2 id="counts-head" class="visually-hidden">Headline counts</h2>
<div class="cards">${cards}</div>
<p class="classes">${(Object.keys(CLASSIFICATION_WORDS) as Array<keyof typeof CLASSIFICATION_WORDS>).map(
    (c) => html`<span><b>${formatNumber(classifications[c])}</b> ${CLASSIFICATION_WORDS[c]}</span>`,
  )}</p>
${overridden + confirmed > 0 ? html`<p class="notice">Decided by a person: <b>${formatNumber(overridden)}</b> overridden, <b>${formatNumber(confirmed)}</b> confirmed${stale > 0 ? html`; <b>${formatNumber(stale)}</b> of those decisions ${stale === 1 ? 'is' : 'are'} stale (the item changed after it was decided)` : ''}.</p>` : ''}
${unsettled > 0 ? html`<p class="notice">${unsettledLine(page.summary)}</p>` : ''}
${missingLine(page.summary) !== '' ? html`<p class="notice">${missingLine(page.summary)}</p>` : ''}
</section>`;
}

function chartSection(page: Page): Markup {
  const lines = chartLines(page.context.policy);
  const shown = page.groups.filter((g) => g.count > 0);
  const legend = shown.map((g) => {
    const mark = page.marks.get(g.route) as RouteMark;
    return html`<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">${shape(mark.shape, 8, 8, mark.colour)}</svg>${g.label} (${formatNumber(g.count)})</li>`;
  });
  const dots = page.chart.marks();
  const how = dots
    ? 'Each mark is one item: further right is better aligned with the principles, higher up is more transformational. Dashed lines are the thresholds the principle set uses. On screen, hover over a mark to see its item.'
    : `There are too many items for a mark each, so each square stands for the items near its scores: the darker, the more items; its colour and mark are those of the route most of them go to. Further right is better aligned with the principles, higher up is more transformational. Dashed lines are the thresholds the principle set uses. On screen, hover over a square to see its counts.`;
  const density = page.chart.density();
  const labels = new Map(page.groups.map((g) => [g.route, g.label]));
  const total = page.chart.total;
  const chart = renderChart({ dots, density, total, marks: page.marks, labels, lines }, 'chart-data');
  return html`<section id="chart">
<h2>Where the work sits</h2>
<p class="muted">${how}</p>
<figure>
${chart}
<figcaption><ul class="legend">${legend}</ul></figcaption>
</figure>
${chartTable({ dots, density, labels, total }, 'chart-data')}
</section>`;
}

/** A route's section up to the rows of its table: heading, description, shared reason, table head. */
function routeSectionHead(page: Page, group: RouteTotals): Markup {
  const cls = routeClass(page.index.get(group.route) ?? 0);
  const id = sectionId(page, group.route);
  return html`<section class="${cls}" id="${id}">
<h2 class="section-head" id="${id}-head">${group.label} <span class="muted">(${formatNumber(group.count)})</span></h2>
${group.description ? html`<p class="route-desc">${group.description.trim()}</p>` : ''}
<div class="table-wrap" role="region" aria-labelledby="${id}-head" tabindex="0"><table class="items">
<thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Class</th><th scope="col" class="num">Align</th><th scope="col" class="num">Transf</th><th scope="col" class="num">Conf</th>${declaredTotals(page.context.policy).map((t) => html`<th scope="col" class="num">${totalShortHeading(t)}</th>`)}<th scope="col">Because</th></tr></thead>
<tbody>`;
}

/** A row as held: the item's number, its id, the cells from Title to Cost, decided by a person, and why. */
type HeldRow = [number: number, id: string, cells: string, overridden: 0 | 1, why: string];

function heldRow(groups: RouteGroups, policy: Policy, { item, assessment: a }: AssessedItem, number: number): HeldRow {
  const values = declaredTotals(policy).map((t) => {
    const value = item.values[t.field];
    return html`<td class="num">${typeof value === 'number' ? formatTotal(value, t, false) : '—'}</td>\n`;
  });
  const cells = html`<td class="text">${a.title}</td>
<td>${CLASSIFICATION_WORDS[a.classification]}${a.firm ? '' : html`<abbr title="not settled: a missing fact could change the route">?</abbr>`}</td>
<td class="num">${a.alignment}</td>
<td class="num">${a.transformation}</td>
<td class="num">${a.confidence.toFixed(2)}</td>
${values}`;
  return [number, html`${a.id}`.text, cells.text, a.overridden ? 1 : 0, why(groups, policy, item, a).text];
}

/**
 * The rows of a route as printed, once the end is known: the Why column or not, and the id
 * linked to its explanation for the rows among the first MAX_EXPLAINED in route order.
 */
function rowRenderer(group: RouteTotals, before: number): (piece: string) => string {
  const linked = Math.max(0, MAX_EXPLAINED - before);
  let k = 0;
  return (piece) => {
    const [number, id, cells, , reason] = JSON.parse(piece) as HeldRow;
    const idCell = k++ < linked ? `<a href="#${anchor(number)}">${id}</a>` : id;
    return `<tr>\n<td class="id">${idCell}</td>\n${cells}<td class="text">${reason}</td>\n</tr>`;
  };
}

/** The first `count` pieces of a section; the rest are left out. */
function firstOnly(count: number): (piece: string) => string {
  let k = 0;
  return (piece) => (k++ < count ? piece : '');
}

/** The anchor of an item's explanation, by its place in the run. */
function anchor(number: number): string {
  return `item-${number}`;
}

/**
 * The reason up front; for a decision, who decided, why, and what the tool recommended; for
 * a result that is not settled, the data to chase.
 */
function why(groups: RouteGroups, policy: Policy, item: WorkItem, a: Assessment): Markup {
  const reason = becauseOf(policy, item, answersGiven(a));
  // Under its route's heading the route goes without saying, unless a person chose another.
  const because = html`${a.decision ? reason.text : reason.why.charAt(0).toUpperCase() + reason.why.slice(1)}`;
  const unsettledText = a.firm ? '' : html`<div class="muted">Not settled: chase ${(a.missingFacts ?? []).join(', ')}.</div>`;
  const over =
    a.capacity?.fits === false
      ? html`<div><span class="badge">over capacity</span> ${a.recommended?.routeLabel ?? a.capacity.route} recommended, but ${a.capacity.because}.</div>`
      : '';
  const unsettled = html`${unsettledText}${over}`;
  if (!a.decision || !a.recommended) return html`${because}${unsettled}`;
  const recommended = a.recommended;
  const cls = routeClass(groups.index(recommended.route) ?? 0);
  return html`<span class="badge">${a.decision.kind === 'confirmed' ? 'confirmed' : 'overridden'}</span>${a.decision.stale ? html` <span class="badge stale">stale</span>` : ''}
<div class="decision">${a.decision.by ? `${a.decision.by}: ` : ''}${a.decision.rationale || 'no rationale given'}</div>
<div class="muted">The tool recommended <span class="tag ${cls}">${recommended.routeLabel}</span> (rule <code>${recommended.rule}</code>): ${because}</div>${unsettled}`;
}

/** One item's explanation, with the anchor its row links to. */
function details(context: FormatContext, groups: RouteGroups, result: AssessedItem, number: number): Markup {
  const { policy } = context;
  const { trace } = explainAssessment(policy, result.item, { answers: answersGiven(result.assessment) });
  return renderDetails(policy, { ...result, trace, anchor: anchor(number), routeClass: routeClass(groups.index(result.assessment.route) ?? 0) });
}

function explanationsHead(): Markup {
  return html`<section class="explanations" id="explanations">
<h2>How each item was assessed</h2>
<p class="muted">Open an item to see every criterion, signal and routing rule, and what the data said.</p>
`;
}

function explanationsTail(left: number): Markup {
  return html`
${left > 0 ? html`<p class="notice">The explanations of the other ${left.toLocaleString('en-GB')} items are left out to keep this file small: run <code>triage explain &lt;id&gt;</code> for any of them.</p>` : ''}
</section>`;
}

function footer(meta: RunMeta): Markup {
  return html`<footer>
<p class="print-only">Each item's full explanation is in the electronic copy of this report.</p>
<p>Made by ${meta.tool.name} ${meta.tool.version}. Alignment (0-100) is the weighted mean of how far an item meets each principle; transformation (0-100) sums the signals of change and of business as usual; routing rules are tried in order and the first that matches decides. Principle set ${meta.principles.file}, ${meta.principles.hash}.</p>
</footer>`;
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `on ${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
}
