/** The SVG mark of each route shape, for the chart and its legend. */
import { round } from './chart-geometry.js';
import { html, type Markup } from './html-markup.js';
import type { Shape } from './route-marks.js';

/** A mark about 12 px across, centred on (cx, cy). */
export function shape(kind: Shape, cx: number, cy: number, colour: string): Markup {
  const s = 6;
  const at = (points: Array<[number, number]>): string => points.map(([px, py]) => `${round(cx + px)},${round(cy + py)}`).join(' ');
  switch (kind) {
    case 'circle':
      return html`<circle cx="${cx}" cy="${cy}" r="${s}" fill="${colour}"/>`;
    case 'ring':
      return html`<circle cx="${cx}" cy="${cy}" r="${s - 1}" fill="#fff" stroke="${colour}" stroke-width="2.5"/>`;
    case 'square':
      return html`<rect x="${cx - s + 1}" y="${cy - s + 1}" width="${2 * s - 2}" height="${2 * s - 2}" fill="${colour}"/>`;
    case 'hollow-square':
      return html`<rect x="${cx - s + 1}" y="${cy - s + 1}" width="${2 * s - 2}" height="${2 * s - 2}" fill="#fff" stroke="${colour}" stroke-width="2.5"/>`;
    case 'triangle':
      return html`<polygon points="${at([
        [0, -s - 1],
        [s + 1, s],
        [-s - 1, s],
      ])}" fill="${colour}"/>`;
    case 'triangle-down':
      return html`<polygon points="${at([
        [0, s + 1],
        [s + 1, -s],
        [-s - 1, -s],
      ])}" fill="${colour}"/>`;
    case 'diamond':
      return html`<polygon points="${at([
        [0, -s - 1],
        [s + 1, 0],
        [0, s + 1],
        [-s - 1, 0],
      ])}" fill="${colour}"/>`;
    case 'cross':
      return html`<path d="M${cx - s} ${cy}H${cx + s}M${cx} ${cy - s}V${cy + s}" stroke="${colour}" stroke-width="3.5"/>`;
  }
}
