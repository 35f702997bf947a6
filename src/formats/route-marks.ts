/**
 * How each route looks in a chart: a colour for screens, and a shape (a glyph in a terminal)
 * so that a printout in black and white, or a reader who cannot tell the colours apart,
 * still sees which route a dot is. Routes a principle set adds itself take spare marks.
 */
export type Shape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'ring' | 'cross' | 'hollow-square';

export interface RouteMark {
  /** CSS colour, dark enough for white paper. */
  colour: string;
  shape: Shape;
  /** One terminal cell wide. */
  glyph: string;
}

const KNOWN: Record<string, RouteMark> = {
  union: { colour: '#7b2d8e', shape: 'circle', glyph: '●' },
  council: { colour: '#1f5fbf', shape: 'square', glyph: '■' },
  ccg: { colour: '#1b7f3b', shape: 'triangle', glyph: '▲' },
  individual: { colour: '#0e7c86', shape: 'diamond', glyph: '◆' },
  review: { colour: '#c26a00', shape: 'triangle-down', glyph: '▼' },
};

const SPARE: RouteMark[] = [
  { colour: '#5c5c5c', shape: 'ring', glyph: '○' },
  { colour: '#a3246a', shape: 'cross', glyph: '✚' },
  { colour: '#6b5a00', shape: 'hollow-square', glyph: '□' },
];

/** A mark for each route id, in the given order; unknown ids share the spare marks in turn. */
export function routeMarks(routeIds: readonly string[]): Map<string, RouteMark> {
  const marks = new Map<string, RouteMark>();
  let spare = 0;
  for (const id of routeIds) {
    const known = Object.hasOwn(KNOWN, id) ? KNOWN[id] : undefined;
    marks.set(id, known ?? (SPARE[spare++ % SPARE.length] as RouteMark));
  }
  return marks;
}
