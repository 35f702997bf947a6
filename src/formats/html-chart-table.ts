/**
 * The chart's text alternative: its data as a table, behind a `<details>` right under it, so
 * a reader who cannot see the chart (or would rather read numbers) gets what it plots. One
 * row per mark, or one per density square when the chart shows density.
 */
import { CLASSIFICATION_WORDS } from './columns.js';
import type { ChartDot, DensityCell } from './html-chart-data.js';
import { cellRange, cellRoutes, dominant } from './html-density.js';
import { html, type Markup } from './html-markup.js';
import { formatNumber } from './style.js';

export interface ChartTableInput {
  dots: readonly ChartDot[] | undefined;
  density: readonly DensityCell[] | undefined;
  /** Route labels by route id. */
  labels: ReadonlyMap<string, string>;
  /** Items in the chart. */
  total: number;
}

/** The `<details>` holding the chart's data, with the element id the chart points to. */
export function chartTable(input: ChartTableInput, id: string): Markup {
  const noun = input.total === 1 ? 'item' : 'items';
  const what = input.dots
    ? html`The chart's data: ${formatNumber(input.total)} ${noun} with their scores`
    : html`The chart's data: ${formatNumber(input.density?.length ?? 0)} squares counting ${formatNumber(input.total)} ${noun}`;
  return html`<details class="chart-data" id="${id}">
<summary>${what}</summary>
<div class="table-wrap" role="region" aria-labelledby="${id}-caption" tabindex="0">
<table class="items">
<caption id="${id}-caption">${input.dots ? 'Each item in the chart, in input order' : 'Each square of the chart, top row first: the scores it covers and its items by route'}</caption>
${input.dots ? dotRows(input.dots) : cellRows(input.density ?? [], input.labels)}
</table></div>
</details>`;
}

function dotRows(dots: readonly ChartDot[]): Markup {
  return html`<thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Route</th><th scope="col" class="num">Alignment</th><th scope="col" class="num">Transformation</th><th scope="col">Classification</th></tr></thead>
<tbody>${dots.map(
    (d) =>
      html`<tr><td class="id">${d.id}</td><td class="text">${d.title}</td><td>${d.routeLabel}${d.decided ? html` <span class="muted">(${d.decided})</span>` : ''}</td><td class="num">${d.alignment}</td><td class="num">${d.transformation}</td><td>${CLASSIFICATION_WORDS[d.classification]}</td></tr>\n`,
  )}</tbody>`;
}

function cellRows(cells: readonly DensityCell[], labels: ReadonlyMap<string, string>): Markup {
  // As the chart reads: from the top (most transformational) row, left to right.
  const ordered = [...cells].sort((a, b) => b.transformation - a.transformation || a.alignment - b.alignment);
  return html`<thead><tr><th scope="col" class="num">Alignment</th><th scope="col" class="num">Transformation</th><th scope="col" class="num">Items</th><th scope="col">Most go to</th><th scope="col">By route</th></tr></thead>
<tbody>${ordered.map((cell) => {
    const route = dominant(cell);
    return html`<tr><td class="num">${cellRange(cell.alignment)}</td><td class="num">${cellRange(cell.transformation)}</td><td class="num">${formatNumber(cell.total)}</td><td>${labels.get(route) ?? route}</td><td>${cellRoutes(cell, labels)}</td></tr>\n`;
  })}</tbody>`;
}
