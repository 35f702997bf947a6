/**
 * The scatter chart of the HTML report, as inline SVG: alignment across, transformation up,
 * one mark per item in its route's colour and shape, the policy's thresholds as dashed lines,
 * and each mark's item in a tooltip (`<title>`) and, where there is room, a label. With more
 * items than marks can show (MAX_DOTS), squares shaded by how many items are near each spot.
 */
import { HEIGHT, PLOT, WIDTH, clamp, round, x, y, type Box } from './chart-geometry.js';
import { tipOf, type ChartDot, type DensityCell } from './html-chart-data.js';
import { densityCells } from './html-density.js';
import { labels } from './html-chart-labels.js';
import { html, type Markup } from './html-markup.js';
import type { RouteMark } from './route-marks.js';
import { shape } from './svg-shapes.js';
import type { ChartLines } from './thresholds.js';
import { formatNumber } from './style.js';

/** Charts of more items than this get no text labels: they would only cover each other. */
const MAX_LABELLED = 60;

export interface ChartInput {
  /** Every item's mark; `undefined` when `density` draws them instead. */
  dots: readonly ChartDot[] | undefined;
  density: readonly DensityCell[] | undefined;
  /** Items in the chart. */
  total: number;
  marks: ReadonlyMap<string, RouteMark>;
  /** Route labels, for the density cells' tooltips. */
  labels: ReadonlyMap<string, string>;
  lines: ChartLines;
}

/**
 * The chart as an `<svg>` element: an image to assistive technology, named by its title and
 * described by its summary, and pointing to the table of its data (`tableId`, which follows
 * it) as its details: the chart's text alternative, readable and reachable from the keyboard.
 */
export function renderChart(input: ChartInput, tableId: string): Markup {
  const title = input.dots
    ? 'Alignment against transformation, one mark per item'
    : 'Alignment against transformation, shaded by how many items sit at each spot';
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title" aria-describedby="chart-desc" aria-details="${tableId}" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">${title}</title>
<desc id="chart-desc">${describe(input)}</desc>
${bands(input.lines)}
${grid()}
${thresholdLines(input.lines)}
${input.dots ? dotsMarkup(input.dots, input) : densityCells(input.density ?? [], input.marks, input.labels)}
${axes()}
</svg>`;
}

/** A mark per item, and labels beside them when there are few. */
function dotsMarkup(dots: readonly ChartDot[], input: ChartInput): Markup {
  const groups = coincident(dots);
  const placed = placeDots(groups);
  const taken = [...fixedTextBoxes(input.lines), ...placed.map(dotBox)];
  return html`<g class="dots">${placed.map((dot) => dotMarkup(dot, input.marks))}</g>
${dots.length <= MAX_LABELLED ? labels(groups, taken) : ''}`;
}

function describe(input: ChartInput): string {
  const t = input.lines.transformation.map((l) => l.label).join('; ');
  const a = input.lines.alignment.map((l) => `alignment ${l.value}`).join('; ');
  const density = input.dots ? '' : ' Drawn as density: each square counts the items near its scores and takes the colour of the route most of them go to.';
  return `${formatNumber(input.total)} ${input.total === 1 ? 'item' : 'items'}.${density} Thresholds: ${t}${a ? `; ${a}` : ''}. The table after the chart gives its data.`;
}

/** Shaded classification bands, so the eye finds transformational work at once. */
function bands(lines: ChartLines): Markup {
  const { high, low } = bandEdges(lines);
  const width = PLOT.right - PLOT.left;
  return html`<g class="bands">
<rect class="band-transformational" x="${PLOT.left}" y="${PLOT.top}" width="${width}" height="${y(high) - PLOT.top}"/>
<rect class="band-borderline" x="${PLOT.left}" y="${y(high)}" width="${width}" height="${y(low) - y(high)}"/>
${bandLabels(lines).map((label) => html`<text class="band-label" x="${label.box.x1}" y="${label.box.y2 - 3}">${label.text}</text>`)}
</g>`;
}

function bandEdges(lines: ChartLines): { high: number; low: number } {
  const high = lines.transformation[0]?.value ?? 100;
  return { high, low: lines.transformation[1]?.value ?? high };
}

/** Each band's name at the top left of its band, where the fewest marks usually are. */
function bandLabels(lines: ChartLines): Array<{ text: string; box: Box }> {
  const { high, low } = bandEdges(lines);
  const at = (text: string, top: number): { text: string; box: Box } => ({
    text,
    box: { x1: PLOT.left + 6, y1: top + 3, x2: PLOT.left + 6 + text.length * 7, y2: top + 18 },
  });
  // The top band's name goes under the 100 grid line, which would otherwise strike it through.
  const labels = [at('Transformational', y(100))];
  if (low < high) labels.push(at('Borderline', y(high)));
  labels.push(at('Business as usual', y(low)));
  return labels;
}

function grid(): Markup {
  const steps = [0, 25, 50, 75, 100];
  return html`<g class="grid">${steps.map(
    (v) => html`<line x1="${x(v)}" y1="${PLOT.top}" x2="${x(v)}" y2="${PLOT.bottom}"/><line x1="${PLOT.left}" y1="${y(v)}" x2="${PLOT.right}" y2="${y(v)}"/>`,
  )}</g>`;
}

function thresholdLines(lines: ChartLines): Markup {
  const horizontal = lines.transformation.map((l) => {
    const box = horizontalLabelBox(l.label, l.value);
    return html`<g class="threshold"><title>${l.label}</title><line x1="${PLOT.left}" y1="${y(l.value)}" x2="${PLOT.right}" y2="${y(l.value)}"/>
<text x="${box.x2}" y="${box.y2 - 3}" text-anchor="end">${l.label}</text></g>`;
  });
  const vertical = lines.alignment.map((l) => {
    const box = verticalLabelBox(l.value);
    return html`<g class="threshold"><title>${l.label}</title><line x1="${x(l.value)}" y1="${PLOT.top}" x2="${x(l.value)}" y2="${PLOT.bottom}"/>
<text x="${box.x1}" y="${box.y2 - 3}">alignment ${l.value}</text></g>`;
  });
  return html`${horizontal}${vertical}`;
}

function horizontalLabelBox(label: string, value: number): Box {
  return { x1: PLOT.right - 6 - label.length * 6.6, y1: y(value) - 16, x2: PLOT.right - 6, y2: y(value) - 2 };
}

function verticalLabelBox(value: number): Box {
  return { x1: x(value) + 5, y1: PLOT.top + 2, x2: x(value) + 5 + 12 * 6.6, y2: PLOT.top + 16 };
}

/** Text the chart always shows, which item labels must not cover. */
function fixedTextBoxes(lines: ChartLines): Box[] {
  return [
    ...bandLabels(lines).map((l) => l.box),
    ...lines.transformation.map((l) => horizontalLabelBox(l.label, l.value)),
    ...lines.alignment.map((l) => verticalLabelBox(l.value)),
  ];
}

function dotBox(dot: Dot): Box {
  return { x1: dot.cx - 7, y1: dot.cy - 7, x2: dot.cx + 7, y2: dot.cy + 7 };
}

function axes(): Markup {
  const ticks = [0, 25, 50, 75, 100];
  return html`<g class="axes">
<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}"/>
<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}"/>
${ticks.map((v) => html`<text x="${x(v)}" y="${PLOT.bottom + 18}" text-anchor="middle">${v}</text><text x="${PLOT.left - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)}
<text class="axis-title" x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">Alignment with the principles →</text>
<text class="axis-title" transform="translate(18 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">Transformation →</text>
</g>`;
}

/** Items with exactly the same scores, which would otherwise hide behind one another. */
function coincident(dots: readonly ChartDot[]): ChartDot[][] {
  const groups = new Map<string, ChartDot[]>();
  for (const a of dots) {
    const key = `${a.alignment},${a.transformation}`;
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  return [...groups.values()];
}

interface Dot {
  dot: ChartDot;
  cx: number;
  cy: number;
}

/**
 * The k-th item of a group sits on a small sunflower spiral around the true point, so every
 * item stays visible and the cluster's size shows, while no mark strays far from its scores.
 */
function placeDots(groups: readonly ChartDot[][]): Dot[] {
  const dots: Dot[] = [];
  for (const group of groups) {
    group.forEach((dot, k) => {
      const r = 6 * Math.sqrt(k);
      const angle = k * 2.399963;
      const cx = clamp(x(dot.alignment) + r * Math.cos(angle), PLOT.left, PLOT.right);
      const cy = clamp(y(dot.transformation) - r * Math.sin(angle), PLOT.top, PLOT.bottom);
      dots.push({ dot, cx: round(cx), cy: round(cy) });
    });
  }
  return dots;
}

function dotMarkup(placed: Dot, marks: ReadonlyMap<string, RouteMark>): Markup {
  const { dot } = placed;
  const mark = marks.get(dot.route);
  return html`<g class="dot" data-route="${dot.route}"><title>${tipOf(dot)}</title>${shape(mark?.shape ?? 'circle', placed.cx, placed.cy, mark?.colour ?? '#444')}</g>`;
}
