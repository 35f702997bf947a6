/** Item ids beside their marks in the HTML chart, placed so that no text covers another. */
import { PLOT, round, x, y, type Box } from './chart-geometry.js';
import type { ChartDot } from './html-chart-data.js';
import { html, type Markup } from './html-markup.js';

/**
 * Item ids beside their marks, where they fit: each label tries the right, left, above and
 * below, and is left out (the tooltip and the tables still name the item) if all would
 * cover another label, a mark or the chart's own text.
 */
export function labels(groups: readonly ChartDot[][], reserved: readonly Box[]): Markup {
  const taken: Box[] = [...reserved];
  const out: Markup[] = [];
  const ordered = [...groups].sort((a, b) => a.length - b.length);
  for (const group of ordered) {
    const first = group[0] as ChartDot;
    const text = group.length <= 2 ? group.map((a) => a.id).join(', ') : `${first.id} +${group.length - 1}`;
    const width = text.length * 6.2;
    const px = x(first.alignment);
    const py = y(first.transformation);
    const spread = 6 * Math.sqrt(group.length - 1) + 9;
    const candidates: Box[] = [
      { x1: px + spread, y1: py - 6, x2: px + spread + width, y2: py + 6 },
      { x1: px - spread - width, y1: py - 6, x2: px - spread, y2: py + 6 },
      { x1: px - width / 2, y1: py - spread - 12, x2: px + width / 2, y2: py - spread },
      { x1: px - width / 2, y1: py + spread, x2: px + width / 2, y2: py + spread + 12 },
    ];
    const box = candidates.find((c) => inside(c) && !taken.some((t) => overlaps(c, t)));
    if (!box) continue;
    taken.push(box);
    out.push(html`<text x="${round(box.x1)}" y="${round(box.y2 - 2)}">${text}</text>`);
  }
  return html`<g class="labels">${out}</g>`;
}

function inside(b: Box): boolean {
  return b.x1 >= PLOT.left + 2 && b.x2 <= PLOT.right - 2 && b.y1 >= PLOT.top && b.y2 <= PLOT.bottom;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
