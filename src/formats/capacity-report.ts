/**
 * Capacity in the reports: how full each body is (utilisation, one bar per limit) and its
 * efficient frontier, the best value it could commit at each capacity from nothing to all it
 * was asked for, in words ("with 20 more effort_weeks The Union could also take WI-09").
 */
import type { FrontierPoint, RouteCapacity } from '../core/capacity/ledger.js';
import type { Summary } from '../core/summary.js';
import { html, type Markup } from './html-markup.js';
import { markdownCell, markdownTable } from './markdown-text.js';
import { formatNumber } from './style.js';

interface Entry {
  route: string;
  label: string;
  capacity: RouteCapacity;
}

function entries(summary: Summary): Entry[] {
  const out: Entry[] = [];
  for (const [route, r] of Object.entries(summary.routes)) if (r.capacity) out.push({ route, label: r.label, capacity: r.capacity });
  return out;
}

function percent(used: number, limit: number): string {
  return `${Math.round((used / limit) * 100)}%`;
}

/** What a frontier point changes against the commitment made at the limit, in words. */
export function frontierWords(label: string, field: string, limit: number, point: FrontierPoint): string {
  const delta = point.capacity - limit;
  const amount = `${formatNumber(Math.abs(delta))} ${delta >= 0 ? 'more' : 'fewer'} ${field}`;
  if (point.adds.length === 0 && point.drops.length === 0) return delta === 0 ? 'the commitment made' : `with ${amount}, the same work`;
  const also = point.adds.length > 0 ? `${point.drops.length > 0 ? 'take' : 'also take'} ${point.adds.join(', ')}` : '';
  const instead = point.drops.length > 0 ? `${also ? ' in place of ' : 'drop '}${point.drops.join(', ')}` : '';
  return `with ${amount} ${label} ${delta >= 0 ? 'could' : 'would have to'} ${also}${instead}`;
}

/** The first frontier point above the limit that would commit more: the next step worth taking. */
export function nextStep(entry: Entry): string | undefined {
  const field = Object.keys(entry.capacity.limit)[0];
  if (field === undefined) return undefined;
  const limit = entry.capacity.limit[field] as number;
  const point = (entry.capacity.frontier ?? []).find((p) => p.capacity > limit && p.adds.length > 0);
  return point ? frontierWords(entry.label, field, limit, point) : undefined;
}

/** The Markdown section: utilisation per body, then each frontier as a table. */
export function capacityMarkdown(summary: Summary): string | undefined {
  const all = entries(summary);
  if (all.length === 0) return undefined;
  const period = all[0]?.capacity.period;
  const parts = [`## Capacity${period !== undefined ? ` (${markdownCell(period)})` : ''}`];
  const rows = all.flatMap(({ label, capacity }) =>
    Object.keys(capacity.limit).map((field) => {
      const used = capacity.used[field] ?? 0;
      const limit = capacity.limit[field] ?? 0;
      return [
        markdownCell(label),
        markdownCell(field),
        formatNumber(limit),
        formatNumber(used),
        percent(used, limit),
        formatNumber(capacity.asked[field] ?? 0),
      ];
    }),
  );
  parts.push(markdownTable(['Body', 'Field', 'Limit', 'Committed', 'Used', 'Asked'], rows, new Set([2, 3, 4, 5])));
  for (const entry of all) {
    const { capacity } = entry;
    const over = `${formatNumber(capacity.over)} ${capacity.over === 1 ? 'item does' : 'items do'} not fit and ${capacity.over === 1 ? 'goes' : 'go'} to the overflow route.`;
    const best = capacity.optimal
      ? 'The selection is proven best.'
      : `The selection is the best found in the time limit, within ${((capacity.gap ?? 0) * 100).toFixed(2)}% of the best possible.`;
    parts.push(`### ${markdownCell(entry.label)}`, `Value committed: ${formatNumber(capacity.value)}. ${over} ${best}`);
    const field = Object.keys(capacity.limit)[0];
    if (!capacity.frontier || field === undefined) continue;
    const limit = capacity.limit[field] as number;
    const next = nextStep(entry);
    if (next) parts.push(markdownCell(`${next.charAt(0).toUpperCase()}${next.slice(1)}.`));
    const frontier = capacity.frontier.map((p) => [
      formatNumber(p.capacity),
      `${formatNumber(p.value)}${p.optimal ? '' : ' (best found)'}`,
      markdownCell(frontierWords(entry.label, field, limit, p)),
    ]);
    parts.push(`Efficient frontier: the best value at each capacity of ${markdownCell(field)}, other limits held.`);
    parts.push(markdownTable([markdownCell(field), 'Best value', 'Against the commitment made'], frontier, new Set([0, 1])));
  }
  return parts.join('\n\n');
}

/** The HTML section: a bar per limit, and the frontier as a table with bars. */
export function capacityHtml(summary: Summary): Markup | undefined {
  const all = entries(summary);
  if (all.length === 0) return undefined;
  const period = all[0]?.capacity.period;
  const bodies = all.map((entry) => {
    const { capacity } = entry;
    const field = Object.keys(capacity.limit)[0];
    const limit = field !== undefined ? (capacity.limit[field] as number) : 0;
    const bars = Object.keys(capacity.limit).map((f) => {
      const used = capacity.used[f] ?? 0;
      const max = capacity.limit[f] ?? 0;
      return html`<li><span class="muted">${f}</span> <meter min="0" max="${max}" value="${Math.min(used, max)}" low="${max * 0.8}" high="${max}" optimum="0">${percent(used, max)}</meter> ${formatNumber(used)} of ${formatNumber(max)} (${percent(used, max)}); asked ${formatNumber(capacity.asked[f] ?? 0)}</li>`;
    });
    const topValue = Math.max(1, ...(capacity.frontier ?? []).map((p) => p.value));
    const next = nextStep(entry);
    const frontier =
      capacity.frontier && field !== undefined
        ? html`<table class="frontier"><caption>Efficient frontier: the best value at each capacity of ${field}, other limits held</caption>
<thead><tr><th scope="col">${field}</th><th scope="col">Best value</th><th scope="col">Against the commitment made</th></tr></thead>
<tbody>${capacity.frontier.map(
            (p) =>
              html`<tr${p.capacity === limit ? html` class="at-limit"` : ''}><td class="num">${formatNumber(p.capacity)}</td><td><meter min="0" max="${topValue}" value="${p.value}">${formatNumber(p.value)}</meter> ${formatNumber(p.value)}${p.optimal ? '' : ' (best found)'}</td><td>${frontierWords(entry.label, field, limit, p)}</td></tr>`,
          )}</tbody></table>`
        : '';
    return html`<div class="capacity-body">
<h3>${entry.label}</h3>
<ul class="utilisation">${bars}</ul>
<p>Value committed: ${formatNumber(capacity.value)}. ${formatNumber(capacity.over)} ${capacity.over === 1 ? 'item does' : 'items do'} not fit and ${capacity.over === 1 ? 'goes' : 'go'} to the overflow route. ${capacity.optimal ? 'The selection is proven best.' : `The best found in the time limit, within ${((capacity.gap ?? 0) * 100).toFixed(2)}% of the best possible.`}</p>
${next ? html`<p class="next-step">${next.charAt(0).toUpperCase()}${next.slice(1)}.</p>` : ''}
${frontier}
</div>`;
  });
  return html`<section id="capacity">
<h2>Capacity${period !== undefined ? ` ${period}` : ''}</h2>
<p class="muted">What each body can take on, how much of it the committed work uses, and the most value each could commit at other capacities.</p>
${bodies}
</section>`;
}
