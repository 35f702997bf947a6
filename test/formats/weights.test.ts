/** The table and JSON of `triage weights`, compared whole, for Saaty's house example and a consistent set. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weightsReport, type PrincipleRef } from '../../src/core/weights-report.js';
import { renderWeightsJson } from '../../src/formats/weights-json.js';
import { renderWeightsTable } from '../../src/formats/weights-table.js';
import { checkPairwise } from '../../src/principles/pairwise-file.js';
import { repoPath } from '../helpers/run.js';

const HOUSE: PrincipleRef[] = [
  ['size', 'Size of house'],
  ['transportation', 'Transportation'],
  ['neighbourhood', 'Neighbourhood'],
  ['age', 'Age of house'],
  ['yard-space', 'Yard space'],
  ['facilities', 'Modern facilities'],
  ['condition', 'General condition'],
  ['financing', 'Financing'],
].map(([id, title]) => ({ id: id as string, title: title as string, weight: 1 }));

function houseReport() {
  const text = readFileSync(repoPath('test/fixtures/weights/house.yaml'), 'utf8');
  const { judgements } = checkPairwise(
    text,
    'house.yaml',
    HOUSE.map((p) => p.id),
    'house-principles.yaml',
  );
  return weightsReport(HOUSE, judgements ?? [], 0.1);
}

describe('renderWeightsTable', () => {
  it("shows shares, weights, consistency and the judgements to reconsider (Saaty's house example)", () => {
    expect(renderWeightsTable(houseReport(), { file: 'house-principles.yaml', color: false })).toBe(
      [
        'Principle weights from 28 pairwise comparisons  house-principles.yaml',
        '',
        '  principle        share  weight now → new',
        '  size             17.3%           1 → 1.38    Size of house',
        '  transportation    5.4%           1 → 0.432   Transportation',
        '  neighbourhood    18.8%           1 → 1.5     Neighbourhood',
        '  age               1.8%           1 → 0.14    Age of house',
        '  yard-space        3.1%           1 → 0.248   Yard space',
        '  facilities        3.6%           1 → 0.291   Modern facilities',
        '  condition        16.7%           1 → 1.33    General condition',
        '  financing        33.3%           1 → 2.67    Financing',
        '',
        '  λmax 9.669 · CI 0.238 · RI 1.41 (Saaty 1980, n = 8)',
        '  consistency ratio 0.169: above 0.10, so the judgements contradict each other too much to use',
        '',
        '  Judgements to reconsider, largest share of the inconsistency first:',
        '  1. neighbourhood is strongly to very strongly more important than condition (6) (26% of the inconsistency)',
        '     taken together, the judgements imply neighbourhood ≈ 1.13 × condition',
        '     try: condition is equally to moderately more important than neighbourhood (2), and the ratio becomes 0.082',
        '  2. size is moderately more important than neighbourhood (3) (12% of the inconsistency)',
        '     taken together, the judgements imply neighbourhood ≈ 1.09 × size',
        '     try: size is equally important as neighbourhood (1), and the ratio becomes 0.145',
        '  3. condition is moderately more important than size (3) (11% of the inconsistency)',
        '     taken together, the judgements imply size ≈ 1.04 × condition',
        '     try: size is equally to moderately more important than condition (2), and the ratio becomes 0.134',
        '',
      ].join('\n'),
    );
  });

  it('says a consistent set is consistent, names no judgement, and colours only when asked', () => {
    const principles: PrincipleRef[] = [
      { id: 'a', title: 'A', weight: 2.5 },
      { id: 'b', title: 'B', weight: 1 },
    ];
    const report = weightsReport(principles, [{ first: 'b', second: 'a', value: 1 / 3 }], 0.2);
    const plain = renderWeightsTable(report, { file: 'p.yaml', color: false });
    expect(plain).toBe(
      [
        'Principle weights from 1 pairwise comparison  p.yaml',
        '',
        '  principle   share  weight now → new',
        '  a           75.0%         2.5 → 1.5     A',
        '  b           25.0%           1 → 0.5     B',
        '',
        '  λmax 2.000 · CI 0.000 · RI 0.00 (Saaty 1980, n = 2)',
        '  consistency ratio 0.000: consistent enough (at most 0.20)',
        '',
      ].join('\n'),
    );
    expect(renderWeightsTable(report, { file: 'p.yaml', color: true })).toContain('\u001b[32mconsistency ratio 0.000\u001b[39m');
  });

  it('shows a title from the file escaped, never as terminal control', () => {
    const report = weightsReport([{ id: 'a', title: 'A\u001b]0;pwned\u0007', weight: 1 }], []);
    expect(renderWeightsTable(report, { file: 'p.yaml', color: false })).toContain('A\\u001b]0;pwned\\u0007');
  });
});

describe('renderWeightsJson', () => {
  it('puts the contract keys first: weights summing to 1, consistencyRatio, lambdaMax', () => {
    const document = JSON.parse(renderWeightsJson(houseReport(), { file: 'house-principles.yaml' })) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual([
      'weights',
      'consistencyRatio',
      'lambdaMax',
      'consistencyIndex',
      'randomIndex',
      'maxConsistencyRatio',
      'consistent',
      'scaledWeights',
      'judgements',
      'principleSet',
    ]);
    const weights = document['weights'] as Record<string, number>;
    expect(Object.keys(weights)).toEqual(HOUSE.map((p) => p.id));
    expect(Object.values(weights).map((w) => Number(w.toFixed(3)))).toEqual([0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]);
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect((document['consistencyRatio'] as number).toFixed(3)).toBe('0.169');
    expect((document['lambdaMax'] as number).toFixed(3)).toBe('9.669');
    expect((document['consistencyIndex'] as number).toFixed(3)).toBe('0.238');
    expect(document).toMatchObject({ randomIndex: 1.41, maxConsistencyRatio: 0.1, consistent: false, principleSet: 'house-principles.yaml' });
    expect(document['scaledWeights']).toEqual({
      size: 1.38,
      transportation: 0.432,
      neighbourhood: 1.5,
      age: 0.14,
      'yard-space': 0.248,
      facilities: 0.291,
      condition: 1.33,
      financing: 2.67,
    });
  });

  it('lists every judgement, largest share of the inconsistency first, with its revision', () => {
    const judgements = (JSON.parse(renderWeightsJson(houseReport(), { file: 'h.yaml' })) as { judgements: Array<Record<string, unknown>> }).judgements;
    expect(judgements).toHaveLength(28);
    const first = judgements[0] as { implied: number; share: number; revision: { consistencyRatio: number } };
    expect({
      ...first,
      implied: first.implied.toFixed(4),
      share: first.share.toFixed(4),
      revision: { ...first.revision, consistencyRatio: first.revision.consistencyRatio.toFixed(6) },
    }).toEqual({
      more: 'neighbourhood',
      less: 'condition',
      intensity: 6,
      implied: '1.1275',
      share: '0.2628',
      revision: { more: 'condition', less: 'neighbourhood', intensity: 2, consistencyRatio: '0.082242' },
    });
    const shares = judgements.map((j) => j['share'] as number);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });
});
