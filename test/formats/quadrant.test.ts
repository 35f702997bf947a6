import { describe, expect, it } from 'vitest';
import { drawQuadrant, type QuadrantDot, type QuadrantOptions } from '../../src/formats/quadrant.js';
import type { ChartLines } from '../../src/formats/thresholds.js';

const LINES: ChartLines = {
  transformation: [
    { value: 60, label: 'transformational from 60' },
    { value: 40, label: 'business as usual below 40' },
  ],
  alignment: [{ value: 50, label: 'alignment 50 (union-leads)' }],
};

function options(width: number, extra: Partial<QuadrantOptions> = {}): QuadrantOptions {
  return {
    width,
    lines: LINES,
    glyphs: new Map([
      ['union', '●'],
      ['review', '▼'],
      ['council', '■'],
    ]),
    paintDot: (_route, text) => text,
    paintLine: (text) => text,
    ...extra,
  };
}

const DOTS: QuadrantDot[] = [
  { alignment: 100, transformation: 100, route: 'union' },
  { alignment: 18, transformation: 85, route: 'review' },
  { alignment: 9, transformation: 0, route: 'council' },
  { alignment: 9, transformation: 0, route: 'council' },
  { alignment: 0, transformation: 0, route: 'council' },
  { alignment: 0, transformation: 0, route: 'review' },
];

const width = (line: string): number => [...line].length;

describe('drawQuadrant', () => {
  it('draws thresholds, axes and one mark per spot, numbers where items share a spot', () => {
    const lines = drawQuadrant(DOTS, options(40));
    expect(lines.join('\n')).toBe(
      [
        ' 100 ┤          ┊         ●',
        '     │          ┊',
        '     │          ┊',
        '     │    ▼     ┊',
        '     │          ┊',
        '     │          ┊',
        '     │          ┊',
        '     │          ┊',
        '  60 ┼┈┈┈┈┈┈┈┈┈┈┼┈┈┈┈┈┈┈┈┈┈  transf. ≥60',
        '     │          ┊',
        '     │          ┊',
        '     │          ┊',
        '  40 ┼┈┈┈┈┈┈┈┈┈┈┼┈┈┈┈┈┈┈┈┈┈  BAU <40',
        '     │          ┊',
        '     │          ┊',
        '     │          ┊',
        '     │          ┊',
        '     │          ┊',
        '     │          ┊',
        '     │          ┊',
        '   0 ┤2 2       ┊',
        '     └┬─────────┬─────────┬',
        '      0         50      100',
        '          alignment →',
      ].join('\n'),
    );
  });

  it('fits 80 columns with the widest plot, and narrows to fit smaller terminals', () => {
    for (const columns of [80, 60, 40]) {
      const lines = drawQuadrant(DOTS, options(columns));
      expect(Math.max(...lines.map(width)), `${columns} columns`).toBeLessThanOrEqual(columns);
    }
    expect(width(drawQuadrant(DOTS, options(80))[8] as string)).toBe(80);
    expect(width(drawQuadrant(DOTS, options(200))[8] as string)).toBe(80);
  });

  it('leaves colour to the painters: a route colour for a dot, none for a mixed spot', () => {
    const painted = drawQuadrant(DOTS, options(40, { paintDot: (route, text) => `<${route ?? 'mixed'}:${text}>`, paintLine: (t) => t }));
    expect(painted[0]).toBe(' 100 ┤          ┊         <union:●>');
    expect(painted[20]).toBe('   0 ┤<mixed:2> <council:2>       ┊');
  });

  it('writes + for more than nine items in one spot', () => {
    const many = Array.from({ length: 12 }, () => ({ alignment: 50, transformation: 50, route: 'union' }));
    expect(drawQuadrant(many, options(40))[10]).toBe('     │          +');
  });
});
