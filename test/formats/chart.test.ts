import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/core/compile.js';
import { chartFormat } from '../../src/formats/chart.js';
import { routeMarks } from '../../src/formats/route-marks.js';
import { chartLines } from '../../src/formats/thresholds.js';
import { minimalSet, unionPolicy } from '../helpers/policy.js';
import { assessedFile, expectGolden, fixedContext, render } from './helpers.js';

const policy = unionPolicy();

describe('chart format', () => {
  it('matches the golden drawing of the example backlog at 80 columns', async () => {
    const out = render(chartFormat, fixedContext(policy, { width: 80 }), await assessedFile(policy, 'examples/backlog.csv'));
    expectGolden(out, 'backlog.expected.chart.txt');
    expect(Math.max(...out.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
  });

  it('colours marks by route only when colour is on', async () => {
    const results = await assessedFile(policy, 'examples/backlog.csv');
    expect(render(chartFormat, fixedContext(policy), results)).not.toContain('\u001b[');
    const coloured = render(chartFormat, fixedContext(policy, { color: true }), results);
    expect(coloured).toContain('\u001b[35m\u001b[1m●\u001b[22m\u001b[39m The Union 7');
  });
});

describe('chartLines', () => {
  it('reads the thresholds and the alignment values routing rules compare with', () => {
    expect(chartLines(policy)).toEqual({
      transformation: [
        { value: 60, label: 'transformational from 60' },
        { value: 40, label: 'business as usual below 40' },
      ],
      alignment: [{ value: 50, label: 'alignment 50 (union-leads)' }],
    });
  });

  it('finds alignment tests at any depth, once per value, and skips the ends of the scale', () => {
    const set = minimalSet();
    set.routing.rules = [
      { id: 'r1', route: 'a', when: { any: [{ not: { field: 'alignment', lt: 30 } }, { field: 'alignment', gte: 0 }] }, reason: 'x' },
      {
        id: 'r2',
        route: 'b',
        when: {
          all: [
            { field: 'alignment', gt: 30 },
            { field: 'alignment', lte: 70 },
          ],
        },
        reason: 'y',
      },
    ];
    expect(chartLines(compilePolicy(set)).alignment).toEqual([
      { value: 30, label: 'alignment 30 (r1, r2)' },
      { value: 70, label: 'alignment 70 (r2)' },
    ]);
  });
});

describe('routeMarks', () => {
  it('gives the known routes their marks and other routes the spare ones in turn', () => {
    const marks = routeMarks(['union', 'pmo', 'review', 'estates']);
    expect([...marks].map(([id, m]) => `${id}:${m.shape}:${m.glyph}`)).toEqual(['union:circle:●', 'pmo:ring:○', 'review:triangle-down:▼', 'estates:cross:✚']);
  });
});
