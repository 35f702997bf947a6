/**
 * The HTML chart of a large run: a cell per spot where items sit, shaded by how many
 * (on a log scale, so one item still shows beside ten thousand), coloured and marked as the
 * route most of them go to, with the counts by route in its tooltip.
 */
import { round, x, y } from './chart-geometry.js';
import { CELL_POINTS, type DensityCell } from './html-chart-data.js';
import { html, type Markup } from './html-markup.js';
import type { RouteMark } from './route-marks.js';
import { shape } from './svg-shapes.js';

/** The density cells as SVG. */
export function densityCells(cells: readonly DensityCell[], marks: ReadonlyMap<string, RouteMark>, labels: ReadonlyMap<string, string>): Markup {
  const most = Math.max(1, ...cells.map((c) => c.total));
  // The plot is wider than tall, so a cell of 4 by 4 points is a wide rectangle; cells tile.
  const width = round(x(CELL_POINTS) - x(0));
  const height = round(y(0) - y(CELL_POINTS));
  return html`<g class="density">${cells.map((cell) => {
    const route = dominant(cell);
    const mark = marks.get(route);
    const colour = mark?.colour ?? '#444';
    const cx = round(x(cell.alignment));
    const cy = round(y(cell.transformation));
    const shade = round(0.15 + (0.85 * Math.log1p(cell.total)) / Math.log1p(most));
    // The route's mark, at half size, says the route on paper in black and white too.
    return html`<g class="cell" data-route="${route}"><title>${tip(cell, labels)}</title><rect x="${round(cx - width / 2)}" y="${round(cy - height / 2)}" width="${width}" height="${height}" fill="${colour}" fill-opacity="${shade}"/><g transform="translate(${cx} ${cy}) scale(.5)">${shape(mark?.shape ?? 'circle', 0, 0, colour)}</g></g>`;
  })}</g>`;
}

/** The route most of the cell's items go to (on a tie, the one met there first). */
export function dominant(cell: DensityCell): string {
  let best = '';
  let count = -1;
  for (const [route, n] of cell.byRoute) {
    if (n > count) {
      best = route;
      count = n;
    }
  }
  return best;
}

function tip(cell: DensityCell, labels: ReadonlyMap<string, string>): string {
  const noun = cell.total === 1 ? 'item' : 'items';
  return `alignment ${cellRange(cell.alignment)}, transformation ${cellRange(cell.transformation)}: ${cell.total.toLocaleString('en-GB')} ${noun}\n${cellRoutes(cell, labels)}`;
}

/** The scores a cell covers, from its centre: `58–61`. */
export function cellRange(centre: number): string {
  return `${Math.max(0, centre - CELL_POINTS / 2)}–${Math.min(100, centre + CELL_POINTS / 2 - 1)}`;
}

/** A cell's items by route, most first: `The Union 12 · Council 3`. */
export function cellRoutes(cell: DensityCell, labels: ReadonlyMap<string, string>): string {
  return [...cell.byRoute]
    .sort((a, b) => b[1] - a[1])
    .map(([route, n]) => `${labels.get(route) ?? route} ${n.toLocaleString('en-GB')}`)
    .join(' · ');
}
