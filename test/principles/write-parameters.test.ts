/**
 * Writing calibrated values into a principle set's text: only the characters of each value
 * change, so every other line (comments, blank lines, flow style, line endings) is the same,
 * byte for byte, and the result reads back with exactly the new values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/core/compile.js';
import { parametersOf, type Parameter } from '../../src/core/sensitivity/parameters.js';
import { checkPrinciples } from '../../src/principles/load.js';
import { withParameterValues } from '../../src/principles/write-parameters.js';
import { repoPath } from '../helpers/run.js';

const union = readFileSync(repoPath('principles/union.yaml'), 'utf8');

function rewrite(text: string, values: Record<string, number>) {
  const check = checkPrinciples(text, 'p.yaml');
  expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const parameters = new Map(parametersOf(compilePolicy(check.set as NonNullable<typeof check.set>)).map((p) => [p.id, p]));
  const changes = Object.entries(values).map(([id, to]) => ({ parameter: parameters.get(id) as Parameter, to }));
  return withParameterValues({ file: 'p.yaml', text, source: check.source }, changes);
}

/** Lines of `after` that differ from `before`, by number; throws if lines were added or removed. */
function differing(before: string, after: string): Record<number, string> {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return Object.fromEntries(b.flatMap((line, k) => (line === a[k] ? [] : [[k + 1, line]])));
}

describe('withParameterValues', () => {
  const values = {
    'principles.citizen-outcomes.weight': 4.8,
    'signals.new-way-of-working.points': 35,
    'signals.recurring.points': -22.5,
    'thresholds.transformational': 67,
    'thresholds.businessAsUsual': 38,
    'routing.union-leads.alignment.gte': 55,
  };

  it('changes only the lines of the values in the bundled set, every other line byte for byte', () => {
    const { text, places } = rewrite(union, values);
    expect(differing(union, text)).toEqual({
      156: '    weight: 4.8',
      198: '      points: 35',
      218: '      points: -22.5',
      245: '    transformational: 67',
      246: '    businessAsUsual: 38',
      255: '          - { field: alignment, gte: 55 }',
    });
    expect(places).toEqual([
      { parameter: 'principles.citizen-outcomes.weight', line: 156, column: 13 },
      { parameter: 'signals.new-way-of-working.points', line: 198, column: 15 },
      { parameter: 'signals.recurring.points', line: 218, column: 15 },
      { parameter: 'thresholds.transformational', line: 245, column: 23 },
      { parameter: 'thresholds.businessAsUsual', line: 246, column: 22 },
      { parameter: 'routing.union-leads.alignment.gte', line: 255, column: 38 },
    ]);
    const read = parametersOf(compilePolicy(checkPrinciples(text, 'p.yaml').set as NonNullable<ReturnType<typeof checkPrinciples>['set']>));
    expect(Object.fromEntries(read.filter((p) => p.id in values).map((p) => [p.id, p.value]))).toEqual(values);
  });

  it('keeps comments on the lines it changes, flow style, odd spacing and Windows line endings', () => {
    const styled = [
      'version: 1',
      'organisation: Test',
      'routes: [{ id: a, label: A }, { id: b, label: B }]',
      'fields: { size: { type: number } }',
      'principles:',
      '  - { id: p, title: P, weight:   2.50  , criteria: [{ id: c, ask: C?, when: { field: size, gte: 1 }, points: 1 }] } # the only one',
      'transformation:',
      '  signals: [{ id: big, when: { field: size, gte: 10 }, points: 50 }] # big is change',
      '  thresholds: { transformational: 60, businessAsUsual: 40 } # both',
      'routing:',
      '  rules:',
      '    - id: to-a',
      '      route: a',
      '      # The same limit twice in one rule is one parameter: both change.',
      '      when: { any: [{ field: alignment, gte: 50 }, { all: [{ field: transformation, gt: 5 }, { not: { field: alignment, gte: 50 } }] }] }',
      '      reason: A.',
      '  default: b',
      '',
    ].join('\r\n');
    const { text } = rewrite(styled, { 'principles.p.weight': 3, 'signals.big.points': 45, 'thresholds.businessAsUsual': 35, 'routing.to-a.alignment.gte': 52 });
    expect(text).toBe(
      styled
        .replace('weight:   2.50  ,', 'weight:   3  ,')
        .replace('points: 50 }] # big', 'points: 45 }] # big')
        .replace('businessAsUsual: 40 }', 'businessAsUsual: 35 }')
        .replaceAll('{ field: alignment, gte: 50 }', '{ field: alignment, gte: 52 }'),
    );
    expect(text.split('\r\n')).toHaveLength(styled.split('\r\n').length);
  });

  it('tells the second limit of a rule from the first by its value', () => {
    const twice = union.replace('- { field: alignment, gte: 50 }', '- { field: alignment, gte: 50 }\n          - { field: alignment, gte: 20 }');
    const { text } = rewrite(twice, { 'routing.union-leads.alignment.gte.2': 25 });
    expect(differing(twice, text)).toEqual({ 256: '          - { field: alignment, gte: 25 }' });
  });

  it('writes nothing differently when nothing changes', () => {
    expect(rewrite(union, {})).toEqual({ text: union, places: [] });
  });
});
