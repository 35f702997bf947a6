/**
 * `triage score --chart` (or `-f chart`): the alignment/transformation quadrant in the
 * terminal, a legend, and the summary line, for people who would rather look than read.
 */
import { printable } from '../core/printable.js';
import type { Summary } from '../core/summary.js';
import { QuadrantGrid } from './quadrant.js';
import { routeMarks } from './route-marks.js';
import { formatNumber, paintRoute, painter } from './style.js';
import { summaryLine } from './table.js';
import { provenanceLine } from './trace.js';
import { chartLines, type ChartLines } from './thresholds.js';
import type { FormatContext, OutputFormat } from './types.js';
import { wrapParts } from './wrap.js';

export const chartFormat: OutputFormat = {
  // Each item is counted into its cell as it comes, so a backlog of any size costs the cells.
  create: (context) => {
    const grid = new QuadrantGrid(context.width);
    return {
      write({ assessment: a }) {
        grid.add({ alignment: a.alignment, transformation: a.transformation, route: a.route });
        return undefined;
      },
      end: (summary) => renderChart(context, grid, summary),
    };
  },
};

/** Title, quadrant, legend and summary line. */
export function renderChart(context: FormatContext, grid: QuadrantGrid, summary: Summary): string {
  const c = painter(context.color);
  const routeIds = Object.keys(summary.routes);
  const marks = routeMarks(routeIds);
  const glyphs = new Map([...marks].map(([id, mark]) => [id, mark.glyph]));
  const lines = chartLines(context.policy);
  const drawing = grid.draw({
    width: context.width,
    lines,
    glyphs,
    paintDot: (route, text) => (route === undefined ? c.bold(text) : paintRoute(c, route, text)),
    paintLine: (text) => c.dim(text),
  });
  const legend = Object.entries(summary.routes)
    .filter(([, route]) => route.count > 0)
    .map(([id, route]) => `${paintRoute(c, id, glyphs.get(id) ?? '•')} ${route.label} ${formatNumber(route.count)}`);
  const out = [
    c.bold('Transformation ↑ against alignment →'),
    '',
    ...drawing,
    '',
    ...wrapParts(legend, '   ', context.width),
    ...wrapParts(keyNotes(lines), ' · ', context.width).map((line) => c.dim(line)),
    c.dim(provenanceLine(context.meta)),
    // The drawing marks neither decisions nor unsettled items: the line names no marks.
    summaryLine(summary, c, { width: context.width, marks: false }),
  ];
  return printable(`${out.join('\n')}\n`, { lines: true, colour: context.color });
}

function keyNotes(lines: ChartLines): string[] {
  const [high, low] = lines.transformation;
  const notes = ['2-9, +: that many items in one spot'];
  if (high) notes.push(`┈ transformational from ${high.value}${low ? `, business as usual below ${low.value}` : ''}`);
  for (const line of lines.alignment) notes.push(`┊ ${line.label}`);
  return notes;
}
