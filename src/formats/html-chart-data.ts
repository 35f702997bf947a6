/**
 * What the HTML report's chart keeps of each item: a few numbers and the text of its tooltip
 * while there are few enough items to draw one mark each, then only counts per spot (a
 * density grid), so the chart of a million items costs as little memory as that of a
 * thousand and the page stays light enough for a browser.
 */
import type { Assessment, Classification } from '../core/types.js';

/**
 * Past this many items the chart shows density rather than one mark per item: beyond it
 * marks hide one another, and each adds an SVG element the browser must lay out.
 */
export const MAX_DOTS = 3000;

/**
 * Most characters of an item's id or title the chart keeps (for its labels, tooltips and
 * data table); longer text is cut with an ellipsis. The tables below the chart give it whole.
 * Without a bound, a backlog of long titles made a chart larger than a string can be.
 */
export const MAX_CHART_TEXT = 120;

/** One item's mark, with what its tooltip and the chart's data table say of it. */
export interface ChartDot {
  alignment: number;
  transformation: number;
  route: string;
  /** The item's id and title, at most MAX_CHART_TEXT characters each. */
  id: string;
  title: string;
  routeLabel: string;
  classification: Classification;
  /** Said after the route when a person decided it: who the tool recommended instead. */
  decided: string;
}

/** Score points per density cell side; cells are centred on multiples of it, 0 to 100. */
export const CELL_POINTS = 4;
const CELLS = Math.round(100 / CELL_POINTS) + 1;

/** Items near one spot, by route. */
export interface DensityCell {
  /** The cell's centre, in score points. */
  alignment: number;
  transformation: number;
  total: number;
  byRoute: Map<string, number>;
}

/** The marks (few items) or the density grid (many) of a run, built one item at a time. */
export class ChartData {
  total = 0;
  private dots: ChartDot[] | undefined = [];
  private readonly cells = new Map<number, DensityCell>();

  add(a: Assessment): void {
    this.total++;
    if (this.dots && this.dots.length < MAX_DOTS) {
      this.dots.push(dotOf(a));
      return;
    }
    if (this.dots) {
      for (const dot of this.dots) this.count(dot.alignment, dot.transformation, dot.route);
      this.dots = undefined;
    }
    this.count(a.alignment, a.transformation, a.route);
  }

  /** One mark per item, or `undefined` when there are too many and `density` draws them. */
  marks(): readonly ChartDot[] | undefined {
    return this.dots;
  }

  /** The non-empty density cells, when there are too many items for a mark each. */
  density(): DensityCell[] | undefined {
    return this.dots ? undefined : [...this.cells.values()];
  }

  private count(alignment: number, transformation: number, route: string): void {
    const col = cellOf(alignment);
    const row = cellOf(transformation);
    const key = row * CELLS + col;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { alignment: col * CELL_POINTS, transformation: row * CELL_POINTS, total: 0, byRoute: new Map() };
      this.cells.set(key, cell);
    }
    cell.total++;
    cell.byRoute.set(route, (cell.byRoute.get(route) ?? 0) + 1);
  }
}

function cellOf(score: number): number {
  return Math.min(CELLS - 1, Math.max(0, Math.round(score / CELL_POINTS)));
}

function dotOf(a: Assessment): ChartDot {
  return {
    alignment: a.alignment,
    transformation: a.transformation,
    route: a.route,
    id: clip(a.id, MAX_CHART_TEXT),
    title: clip(a.title, MAX_CHART_TEXT),
    routeLabel: a.routeLabel,
    classification: a.classification,
    decided: a.overridden ? `decided by a person; the tool recommended ${a.recommended?.routeLabel ?? 'another route'}` : '',
  };
}

/** A mark's tooltip: the item, its route and its scores. */
export function tipOf(dot: ChartDot): string {
  const decided = dot.decided ? ` (${dot.decided})` : '';
  return `${dot.id} ${dot.title}\n${dot.routeLabel}${decided}\nalignment ${dot.alignment}, transformation ${dot.transformation} (${dot.classification})`;
}

/**
 * `text` cut to at most `max` characters, an ellipsis last when cut, never splitting a
 * surrogate pair. The result is a fresh copy: a slice of a long string can keep the whole
 * of it alive, and the chart keeps thousands of these.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${[...text.slice(0, end)].join('')}…`;
}
