/**
 * The alignment/transformation quadrant drawn with Unicode for a terminal. Pure: points and
 * a width in, lines of text out; colour comes from the `paint` functions it is given, so the
 * same drawing serves a TTY and a plain log.
 *
 *   100 ┤        ●
 *    60 ┼┈┈┈┈┈┈┈┈┈┈┊┈┈┈┈┈┈  transf. ≥60
 *     0 ┤ ■   3   ┊   ◆
 *       └──────────┬──────
 *        0         50   100
 */
import type { ChartLines } from './thresholds.js';

export interface QuadrantDot {
  alignment: number;
  transformation: number;
  route: string;
}

export interface QuadrantOptions {
  /** Columns available; the plot narrows to fit, down to a minimum. */
  width: number;
  lines: ChartLines;
  /** One-cell glyph per route. */
  glyphs: ReadonlyMap<string, string>;
  /** Colour a dot's text for its route (`undefined` when several routes share the cell). */
  paintDot(route: string | undefined, text: string): string;
  /** Colour axes and threshold lines (dim, usually). */
  paintLine(text: string): string;
}

/** Rows of the plot: 0 to 100 in steps of 5. */
const ROWS = 21;
const GUTTER = 6; // "100 ┤": four for the number, one space, one for the axis
const MAX_PLOT = 61;
const MIN_PLOT = 21;
const LABEL_ROOM = 13;

interface Cell {
  count: number;
  routes: Set<string>;
}

/** The chart as lines of text, without a trailing newline. */
export function drawQuadrant(dots: readonly QuadrantDot[], options: QuadrantOptions): string[] {
  const grid = new QuadrantGrid(options.width);
  for (const dot of dots) grid.add(dot);
  return grid.draw(options);
}

/**
 * The quadrant's cells, counted as items come: a backlog of any length costs the few cells it
 * fills, where a dot kept per item took a million-row chart to 208 MB.
 */
export class QuadrantGrid {
  private readonly plot: number;
  private readonly cells = new Map<number, Cell>();

  /** `width`: the columns the drawing will have (QuadrantOptions.width). */
  constructor(private readonly width: number) {
    this.plot = Math.max(MIN_PLOT, Math.min(MAX_PLOT, width - GUTTER - LABEL_ROOM));
  }

  add(dot: QuadrantDot): void {
    const key = this.row(dot.transformation) * this.plot + this.col(dot.alignment);
    const cell = this.cells.get(key);
    if (cell === undefined) this.cells.set(key, { count: 1, routes: new Set([dot.route]) });
    else {
      cell.count++;
      cell.routes.add(dot.route);
    }
  }

  private col(alignment: number): number {
    return Math.round((clamp(alignment) / 100) * (this.plot - 1));
  }

  private row(transformation: number): number {
    return Math.round(((100 - clamp(transformation)) / 100) * (ROWS - 1));
  }

  /** The lines, drawn for `options` (whose width is the grid's). */
  draw(options: QuadrantOptions): string[] {
    const { plot, cells } = this;
    // On a narrow terminal the plot keeps its room and the legend alone names the lines.
    const showLabels = this.width - GUTTER - plot >= LABEL_ROOM;
    const col = (alignment: number): number => this.col(alignment);
    const row = (transformation: number): number => this.row(transformation);
    const hRows = new Map(options.lines.transformation.map((l) => [row(l.value), l]));
    const vCols = new Set(options.lines.alignment.map((l) => col(l.value)));
    const labelled = new Set([0, 100, ...options.lines.transformation.map((l) => l.value)].map(row));

    const out: string[] = [];
    for (let r = 0; r < ROWS; r++) {
      const value = 100 - Math.round((r * 100) / (ROWS - 1));
      const threshold = hRows.get(r);
      const number = labelled.has(r) ? String(threshold?.value ?? value).padStart(4) : '    ';
      const axis = threshold ? '┼' : labelled.has(r) ? '┤' : '│';
      let line = `${number} ${options.paintLine(axis)}`;
      for (let c = 0; c < plot; c++) line += cellText(cells.get(r * plot + c), threshold !== undefined, vCols.has(c), options);
      if (threshold && showLabels) line += `  ${options.paintLine(shortLabel(threshold.value, options.lines))}`;
      out.push(line.trimEnd());
    }
    out.push(`${' '.repeat(GUTTER - 1)}${options.paintLine(xAxis(plot, vCols))}`);
    out.push(
      `${' '.repeat(GUTTER - 1)}${tickLabels(
        plot,
        options.lines.alignment.map((l) => l.value),
        col,
      )}`.trimEnd(),
    );
    out.push(`${' '.repeat(GUTTER - 1 + Math.max(0, Math.floor(plot / 2) - 5))}alignment →`);
    return out;
  }
}

function cellText(cell: Cell | undefined, hLine: boolean, vLine: boolean, options: QuadrantOptions): string {
  if (cell) {
    const [only] = cell.routes;
    const route = cell.routes.size === 1 ? only : undefined;
    if (cell.count === 1 && route !== undefined) return options.paintDot(route, options.glyphs.get(route) ?? '•');
    // Several items in one cell: their number, in the route's colour when they share one.
    return options.paintDot(route, cell.count > 9 ? '+' : String(cell.count));
  }
  if (hLine && vLine) return options.paintLine('┼');
  if (hLine) return options.paintLine('┈');
  if (vLine) return options.paintLine('┊');
  return ' ';
}

/** `transf. ≥60` / `BAU <40`: short enough to sit beside an 80-column plot. */
function shortLabel(value: number, lines: ChartLines): string {
  return value === lines.transformation[0]?.value ? `transf. ≥${value}` : `BAU <${value}`;
}

function xAxis(plot: number, vCols: ReadonlySet<number>): string {
  let axis = '└';
  const ticks = new Set([Math.round((plot - 1) / 2), plot - 1, ...vCols]);
  for (let c = 0; c < plot; c++) axis += c === 0 ? '┬' : ticks.has(c) ? '┬' : '─';
  return axis;
}

/** 0, 50, 100 and each alignment threshold, centred under its tick where they do not collide. */
function tickLabels(plot: number, thresholds: readonly number[], col: (a: number) => number): string {
  const chars = Array.from({ length: plot + 2 }, () => ' ');
  const values = [...new Set([0, 50, 100, ...thresholds])].sort((a, b) => a - b);
  let free = 0;
  for (const value of values) {
    const text = String(value);
    const at = Math.min(plot + 1 - text.length, Math.max(free, col(value) + 1 - Math.floor((text.length - 1) / 2)));
    if (at < free) continue;
    for (let i = 0; i < text.length; i++) chars[at + i] = text[i] as string;
    free = at + text.length + 1;
  }
  return chars.join('');
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}
