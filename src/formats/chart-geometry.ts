/**
 * Where things go in the HTML report's chart: the SVG canvas, the plot inside its axes, and
 * the mapping from scores to points. Shared by the chart and its label placement.
 */

export const WIDTH = 760;
export const HEIGHT = 500;
export const PLOT = { left: 64, right: 736, top: 24, bottom: 440 };

/** Scores sit this far inside the axes, so a mark at 0 or 100 is never cut by an axis. */
const INSET = 14;

/** x of an alignment score. */
export const x = (alignment: number): number => PLOT.left + INSET + (alignment / 100) * (PLOT.right - PLOT.left - 2 * INSET);
/** y of a transformation score (SVG y grows downwards). */
export const y = (transformation: number): number => PLOT.bottom - INSET - (transformation / 100) * (PLOT.bottom - PLOT.top - 2 * INSET);

/** A rectangle some text or a mark covers. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** One decimal: enough for a screen, and keeps the file small. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
