/**
 * The HTML report's "fragile items" section: the items whose route would change if one
 * weight, signal's points, threshold or rule limit moved by a given share or less, each with
 * those changes in words. Pure: the items (from `fragileItems` of a sensitivity result) in,
 * markup out; every value is escaped by the `html` template.
 */
import type { ParameterResult } from '../core/sensitivity/analyse.js';
import { distance, flipWords, number, percentWords, type FragileItem } from './sensitivity-words.js';
import { labelOf, type RouteLabels } from './diff-words.js';
import { html, type Markup } from './html-markup.js';
import { formatNumber } from './style.js';

export interface FragileSectionOptions {
  /** The share of each parameter's value searched, as `--within` gives it (20 for ±20%). */
  percent: number;
  /** The sensitivity result's parameters: each one's name in words, value and range. */
  parameters: ReadonlyArray<Pick<ParameterResult, 'id' | 'name' | 'value' | 'range'>>;
  labels: RouteLabels;
  /** Most items listed; the rest are counted. */
  limit?: number;
  /** How many items are fragile in all, when `items` holds only the nearest of them. */
  total?: number;
}

export const DEFAULT_FRAGILE_LIMIT = 100;

/** `<section id="fragile">`: a sentence, then a table of the items, nearest changes first. */
export function renderFragileSection(items: readonly FragileItem[], options: FragileSectionOptions): Markup {
  const byId = new Map(options.parameters.map((p) => [p.id, p]));
  const limit = options.limit ?? DEFAULT_FRAGILE_LIMIT;
  const within = `±${number(options.percent)}%`;
  const ordered = [...items].sort((a, b) => nearest(a, byId) - nearest(b, byId));
  const shown = ordered.slice(0, limit);
  const total = Math.max(options.total ?? items.length, items.length);
  const intro =
    items.length === 0
      ? html`<p>No item's route changes when any one weight, signal's points, threshold or rule limit moves by ${within} or less.</p>`
      : html`<p>${formatNumber(total)} ${total === 1 ? "item's route changes" : "items' routes change"} when one weight, signal's points, threshold or rule limit moves by ${within} or less: their routes rest on a small difference.</p>`;
  const table =
    shown.length === 0
      ? ''
      : html`<div class="table-wrap" role="region" aria-labelledby="fragile-head" tabindex="0"><table class="fragile">
<caption class="visually-hidden">Items whose route changes within ${within} of a parameter</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Title</th><th scope="col">Route now</th><th scope="col">Would change</th></tr></thead>
<tbody>
${shown.map((item) => row(item, byId, options.labels))}</tbody>
</table></div>`;
  const more =
    total > shown.length
      ? html`<p class="muted">… and ${formatNumber(total - shown.length)} more: triage sensitivity --within ${number(options.percent)}% lists them all.</p>`
      : '';
  return html`<section id="fragile">
<h2 id="fragile-head">Fragile items</h2>
${intro}
${table}${more}
</section>`;
}

type Parameters = ReadonlyMap<string, Pick<ParameterResult, 'name' | 'value' | 'range'>>;

function row(item: FragileItem, parameters: Parameters, labels: RouteLabels): Markup {
  const changes = [...item.flips].sort((a, b) => away(a, parameters) - away(b, parameters));
  return html`<tr><td class="id fragile">${item.id}</td><td class="text">${item.title}</td><td>${labelOf(labels, item.route)}</td><td class="text"><ul>${changes.map(
    (f) => {
      const p = parameters.get(f.parameter) ?? { name: f.parameter, value: f.at, range: [f.at, f.at] as [number, number] };
      return html`<li>${flipWords(f, p, labels)} <span class="muted">(${percentWords(f, p)})</span></li>`;
    },
  )}</ul></td></tr>\n`;
}

function away(f: FragileItem['flips'][number], parameters: Parameters): number {
  const p = parameters.get(f.parameter);
  return p ? distance(f, p) : 0;
}

function nearest(item: FragileItem, parameters: Parameters): number {
  return Math.min(...item.flips.map((f) => away(f, parameters)));
}
