/**
 * The HTML report: one self-contained file for a board paper or an email. Headline counts,
 * the alignment/transformation chart, a table per route and each item's explanation behind
 * a `<details>`. Inline CSS and SVG only; a Content-Security-Policy forbids scripts and
 * fetching anything, so the file behaves the same offline, in a mail client or in a browser.
 */
import { explainAssessment, type Answers } from '../core/assess.js';
import type { Summary } from '../core/summary.js';
import type { AssessedItem, Assessment } from '../core/types.js';
import { CLASSIFICATION_WORDS, sharedReason } from './columns.js';
import { renderChart } from './html-chart.js';
import { renderDetails } from './html-explain.js';
import { html, type Markup } from './html-markup.js';
import { routeClass, styleSheet } from './html-style.js';
import { routeMarks, type RouteMark } from './route-marks.js';
import { formatNumber } from './style.js';
import { shape } from './svg-shapes.js';
import { chartLines } from './thresholds.js';
import { describeTotal, formatGbp, totalsByRoute, type RouteTotals } from './totals.js';
import type { FormatContext, OutputFormat, RunMeta } from './types.js';

export const htmlFormat: OutputFormat = {
  name: 'html',
  description: 'a self-contained report with a chart, for a board paper or an email',
  streaming: false,
  create(context) {
    const results: AssessedItem[] = [];
    return {
      write(result) {
        results.push(result);
        return undefined;
      },
      end: (summary) => renderReport(context, results, summary),
    };
  },
};

/** Everything the page's parts need, worked out once. */
interface Page {
  context: FormatContext;
  results: readonly AssessedItem[];
  summary: Summary;
  groups: RouteTotals[];
  marks: Map<string, RouteMark>;
  /** Index of each route, for its colour class. */
  index: Map<string, number>;
  /** Anchor of each result's explanation. */
  anchors: Map<AssessedItem, string>;
}

/** The whole report as one HTML document. */
export function renderReport(context: FormatContext, results: readonly AssessedItem[], summary: Summary): string {
  const groups = totalsByRoute(context.policy, results);
  const routeIds = groups.map((g) => g.route);
  const page: Page = {
    context,
    results,
    summary,
    groups,
    marks: routeMarks(routeIds),
    index: new Map(routeIds.map((id, i) => [id, i])),
    anchors: anchorsFor(results, groups),
  };
  const organisation = context.meta.principles.organisation;
  return `${html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${context.meta.tool.name} ${context.meta.tool.version}">
<title>Work triage: ${organisation}</title>
${styleSheet([...page.marks.values()])}
</head>
<body>
<main>
${header(page)}
${headline(page)}
${chartSection(page)}
${groups.filter((g) => g.items.length > 0).map((g) => routeSection(page, g))}
${explanations(page)}
${footer(context.meta)}
</main>
</body>
</html>`}\n`;
}

/** An anchor for each item that gets an explanation: the first MAX_EXPLAINED in route order. */
function anchorsFor(results: readonly AssessedItem[], groups: readonly RouteTotals[]): Map<AssessedItem, string> {
  const number = new Map(results.map((r, i) => [r, i + 1]));
  const explained = groups.flatMap((g) => g.items).slice(0, MAX_EXPLAINED);
  return new Map(explained.map((r) => [r, `item-${number.get(r) ?? 0}`]));
}

function header(page: Page): Markup {
  const { meta } = page.context;
  const n = page.summary.total;
  return html`<header>
<p class="kicker">Work triage · ${meta.principles.organisation}</p>
<h1>${n} ${n === 1 ? 'item' : 'items'}: who should take the work</h1>
<p class="meta">Scored ${formatDate(meta.generatedAt)} against <b>${meta.principles.file}</b> (${meta.principles.hash.slice(0, 19)}…) from ${meta.inputs.join(', ')}.</p>
</header>`;
}

function headline(page: Page): Markup {
  const cards = page.groups.map((g) => {
    const cls = routeClass(page.index.get(g.route) ?? 0);
    const count = g.items.length;
    return html`<div class="card ${cls}${count === 0 ? ' empty' : ''}">
<div class="count">${count}</div>
<div class="label">${g.label}</div>
${count > 0 ? html`<div class="money">${describeTotal(`${formatNumber(g.effortWeeks)} weeks`, g.effortKnown, count)}<br>${describeTotal(formatGbp(g.costGbp), g.costKnown, count)}</div>` : ''}
</div>`;
  });
  const { classifications, overridden, stale } = page.summary;
  return html`<section aria-label="Headline counts">
<div class="cards">${cards}</div>
<p class="classes">${(Object.keys(CLASSIFICATION_WORDS) as Array<keyof typeof CLASSIFICATION_WORDS>).map(
    (c) => html`<span><b>${classifications[c]}</b> ${CLASSIFICATION_WORDS[c]}</span>`,
  )}</p>
${overridden > 0 ? html`<p class="notice"><b>${overridden}</b> ${overridden === 1 ? 'item was' : 'items were'} decided by a person, overriding the tool's recommendation${stale > 0 ? html`; <b>${stale}</b> of those decisions ${stale === 1 ? 'is' : 'are'} stale (the item changed after it was decided)` : ''}.</p>` : ''}
</section>`;
}

function chartSection(page: Page): Markup {
  const lines = chartLines(page.context.policy);
  const legend = page.groups
    .filter((g) => g.items.length > 0)
    .map((g) => {
      const mark = page.marks.get(g.route) as RouteMark;
      return html`<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">${shape(mark.shape, 8, 8, mark.colour)}</svg>${g.label} (${g.items.length})</li>`;
    });
  return html`<section>
<h2>Where the work sits</h2>
<p class="muted">Each mark is one item: further right is better aligned with the principles, higher up is more transformational. Dashed lines are the thresholds the principle set uses. On screen, hover over a mark to see its item.</p>
<figure>
${renderChart({ assessments: page.results.map((r) => r.assessment), marks: page.marks, lines })}
<figcaption><ul class="legend">${legend}</ul></figcaption>
</figure>
</section>`;
}

function routeSection(page: Page, group: RouteTotals): Markup {
  const cls = routeClass(page.index.get(group.route) ?? 0);
  // When every item went here for the same reason, say it once rather than on every row.
  const shared = sharedReason(group.items);
  const whyColumn = shared === undefined || group.items.some((r) => r.assessment.overridden);
  const rows = group.items.map((result) => itemRow(page, result, whyColumn, shared));
  return html`<section class="${cls}">
<h2 class="section-head">${group.label} <span class="muted">(${group.items.length})</span></h2>
${group.description ? html`<p class="route-desc">${group.description.trim()}</p>` : ''}
${shared ? html`<p class="route-why"><b>Why${whyColumn ? ', unless the row says otherwise' : ''}:</b> ${shared}</p>` : ''}
<div class="table-wrap"><table class="items">
<thead><tr><th>ID</th><th>Title</th><th>Class</th><th class="num">Align</th><th class="num">Transf</th><th class="num">Conf</th><th class="num">Weeks</th><th class="num">Cost</th>${whyColumn ? html`<th>Why</th>` : ''}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

function itemRow(page: Page, result: AssessedItem, whyColumn: boolean, shared: string | undefined): Markup {
  const a = result.assessment;
  const effort = result.item.values['effort_weeks'];
  const cost = result.item.values['cost_gbp'];
  const reason = a.overridden || shared === undefined ? why(page, a) : '';
  return html`<tr>
<td class="id">${idCell(page, result)}</td>
<td>${a.title}</td>
<td>${CLASSIFICATION_WORDS[a.classification]}</td>
<td class="num">${a.alignment}</td>
<td class="num">${a.transformation}</td>
<td class="num">${a.confidence.toFixed(2)}</td>
<td class="num">${typeof effort === 'number' ? formatNumber(effort) : '—'}</td>
<td class="num">${typeof cost === 'number' ? formatGbp(cost) : '—'}</td>
${whyColumn ? html`<td>${reason}</td>` : ''}
</tr>`;
}

/** The item's id, linked to its explanation when it has one. */
function idCell(page: Page, result: AssessedItem): Markup {
  const anchor = page.anchors.get(result);
  return anchor ? html`<a href="#${anchor}">${result.assessment.id}</a>` : html`${result.assessment.id}`;
}

/** The reason for the route; for a decision, who decided, why, and what the tool recommended. */
function why(page: Page, a: Assessment): Markup {
  if (!a.overridden || !a.recommended) return html`${a.reason.trim()}`;
  const recommended = a.recommended;
  const cls = routeClass(page.index.get(recommended.route) ?? 0);
  return html`<span class="badge">decided</span>${a.decision?.stale ? html` <span class="badge stale">stale</span>` : ''}
<div class="decision">${a.decision?.by ? `${a.decision.by}: ` : ''}${a.decision?.rationale || 'no rationale given'}</div>
<div class="muted">The tool recommended <span class="tag ${cls}">${recommended.routeLabel}</span> (rule <code>${recommended.rule}</code>).</div>`;
}

/**
 * Explanations past this many items are left out: each is about 11 KB, so a backlog of a
 * million rows would otherwise make a report of gigabytes. The report says so.
 */
export const MAX_EXPLAINED = 1000;

function explanations(page: Page): Markup {
  if (page.results.length === 0) return html``;
  const { policy } = page.context;
  const explained = page.groups.flatMap((g) => g.items).filter((result) => page.anchors.has(result));
  const left = page.results.length - explained.length;
  const details = explained.map((result) => {
    const { trace } = explainAssessment(policy, result.item, { answers: answersGiven(result.assessment) });
    return renderDetails(policy, {
      ...result,
      trace,
      anchor: page.anchors.get(result) ?? '',
      routeClass: routeClass(page.index.get(result.assessment.route) ?? 0),
    });
  });
  return html`<section class="explanations">
<h2>How each item was assessed</h2>
<p class="muted">Open an item to see every criterion, signal and routing rule, and what the data said.</p>
${details}
${left > 0 ? html`<p class="notice">The explanations of the other ${left.toLocaleString('en-GB')} items are left out to keep this file small: run <code>triage explain &lt;id&gt;</code> for any of them.</p>` : ''}
</section>`;
}

/** Answers a person gave in review, read back from the assessment, so the trace matches it. */
function answersGiven(a: Assessment): Answers {
  const answers: Record<string, boolean | null> = {};
  for (const principle of a.principles) {
    for (const criterion of principle.criteria) if (criterion.answered) answers[criterion.id] = criterion.met;
  }
  return answers;
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
