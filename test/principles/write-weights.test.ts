import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPrinciples } from '../../src/principles/load.js';
import { withWeights } from '../../src/principles/write-weights.js';
import { repoPath } from '../helpers/run.js';

const union = readFileSync(repoPath('principles/union.yaml'), 'utf8');

function rewrite(text: string, weights: Record<string, number>): string {
  const check = checkPrinciples(text, 'p.yaml');
  expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return withWeights({ file: 'p.yaml', text, source: check.source }, new Map(Object.entries(weights)));
}

/** The bundled set, cut down to a few principles written in other styles. */
const STYLES = [
  'version: 1',
  'organisation: Test # who we are',
  'routes: [{ id: team, label: Team }]',
  'fields: { effort_weeks: { type: number, min: 0 } }',
  'principles:',
  '  # Flow style, with a comment after the weight.',
  '  - { id: small, title: Small, weight: 3, criteria: [{ id: s, ask: Small?, when: { field: effort_weeks, lte: 2 }, points: 1 }] } # kept',
  '  - id: quick',
  '    title: Quick',
  '    weight:   2.50    # two and a half, spaced out',
  '    criteria:',
  '      - { id: q, ask: "Quick?", when: { field: effort_weeks, lte: 1 }, points: 1 }',
  'transformation:',
  '  signals: []',
  '  thresholds: { transformational: 60, businessAsUsual: 40 }',
  'routing:',
  '  rules: []',
  '  default: team',
  '',
].join('\n');

describe('withWeights', () => {
  it('changes only the weights of the bundled set: every other byte, comments included, stays', () => {
    const weights = { 'insight-led': 0.754, 'self-empowerment': 0.412, 'continuous-feedback': 0.433, 'seamless-care': 1.27, 'citizen-outcomes': 2.13 };
    const text = rewrite(union, weights);
    const expected = union
      .replace(/(id: insight-led\n(?:.*\n)*? {4}weight: )3\n/, '$10.754\n')
      .replace(/(id: self-empowerment\n(?:.*\n)*? {4}weight: )2\n/, '$10.412\n')
      .replace(/(id: continuous-feedback\n(?:.*\n)*? {4}weight: )2\n/, '$10.433\n')
      .replace(/(id: seamless-care\n(?:.*\n)*? {4}weight: )3\n/, '$11.27\n')
      .replace(/(id: citizen-outcomes\n(?:.*\n)*? {4}weight: )3\n/, '$12.13\n');
    expect(expected).not.toBe(union);
    expect(text).toBe(expected);
    expect(checkPrinciples(text, 'p.yaml').set?.principles.map((p) => p.weight)).toEqual([0.754, 0.412, 0.433, 1.27, 2.13]);
  });

  it('rewrites weights in flow style and with odd spacing, keeping comments and spaces around them', () => {
    expect(rewrite(STYLES, { small: 1.5, quick: 0.5 })).toBe(
      STYLES.replace('weight: 3, criteria', 'weight: 1.5, criteria').replace('weight:   2.50    # two', 'weight:   0.5    # two'),
    );
  });

  it('keeps Windows line endings', () => {
    const crlf = STYLES.replace(/\n/g, '\r\n');
    expect(rewrite(crlf, { quick: 1.25 })).toBe(crlf.replace('weight:   2.50 ', 'weight:   1.25 '));
  });

  it('leaves a principle not given a new weight as it is', () => {
    expect(rewrite(STYLES, { quick: 4 })).toBe(STYLES.replace('2.50    #', '4    #'));
  });

  it('refuses, with the position, a weight it cannot rewrite in place (a tagged value)', () => {
    const tagged = STYLES.replace('weight:   2.50', 'weight: !!int 2');
    expect(() => rewrite(tagged, { quick: 1.5 })).toThrow(expect.objectContaining({
      message: 'the weight of quick cannot be rewritten in place',
      position: { file: 'p.yaml', line: 10, column: 19 },
      hint: 'write the weight as a plain number (e.g. weight: 2), then run again',
    }));
  });
});
