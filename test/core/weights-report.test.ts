import { describe, expect, it } from 'vitest';
import { formatLimit, orientPair, revisionsToConsider, weightsReport, type PrincipleRef } from '../../src/core/weights-report.js';

const ABC: PrincipleRef[] = ['a', 'b', 'c'].map((id) => ({ id, title: id.toUpperCase(), weight: 1 }));

describe('weightsReport', () => {
  it('gives the same weights whichever way round a pair is written', () => {
    const forward = weightsReport(ABC, [
      { first: 'a', second: 'b', value: 3 },
      { first: 'a', second: 'c', value: 5 },
      { first: 'b', second: 'c', value: 2 },
    ]);
    const backward = weightsReport(ABC, [
      { first: 'b', second: 'a', value: 1 / 3 },
      { first: 'c', second: 'a', value: 1 / 5 },
      { first: 'c', second: 'b', value: 1 / 2 },
    ]);
    expect(backward.priorities).toEqual(forward.priorities);
    expect(backward.judgements).toEqual(forward.judgements);
  });

  it('orients each judgement as who is favoured and how strongly, with the ratio the weights give', () => {
    const report = weightsReport(ABC, [
      { first: 'a', second: 'b', value: 1 / 4 },
      { first: 'a', second: 'c', value: 1 / 2 },
      { first: 'b', second: 'c', value: 2 },
    ]);
    expect(report.judgements.map(({ more, less, intensity, implied }) => ({ more, less, intensity, implied: Number(implied.toFixed(9)) }))).toEqual([
      { more: 'b', less: 'a', intensity: 4, implied: 4 },
      { more: 'c', less: 'a', intensity: 2, implied: 2 },
      { more: 'b', less: 'c', intensity: 2, implied: 2 },
    ]);
    expect(report.consistent).toBe(true);
    expect(revisionsToConsider(report)).toEqual([]);
  });

  it('compares the consistency ratio with the limit given, inclusive', () => {
    const judgements = [
      { first: 'a', second: 'b', value: 3 },
      { first: 'b', second: 'c', value: 3 },
      { first: 'a', second: 'c', value: 1 },
    ];
    const cr = weightsReport(ABC, judgements).priorities.consistencyRatio;
    expect(cr).toBeGreaterThan(0.1);
    expect(weightsReport(ABC, judgements).consistent).toBe(false);
    expect(weightsReport(ABC, judgements, cr).consistent).toBe(true);
    expect(revisionsToConsider(weightsReport(ABC, judgements), 1)).toHaveLength(1);
  });

  it('refuses a judgement about a principle it does not compare', () => {
    expect(() => weightsReport(ABC, [{ first: 'a', second: 'z', value: 3 }])).toThrow('z is not one of the principles compared');
  });
});

describe('orientPair and formatLimit', () => {
  it('puts "equally" in set order', () => {
    expect(orientPair(['a', 'b'], 0, 1, 1)).toEqual({ more: 'a', less: 'b', intensity: 1 });
    expect(orientPair(['a', 'b'], 0, 1, 1 / 9)).toEqual({ more: 'b', less: 'a', intensity: 9 });
  });

  it('writes limits as people do', () => {
    expect([0.1, 0.2, 0.125, 0, 1].map(formatLimit)).toEqual(['0.10', '0.20', '0.125', '0.00', '1.00']);
  });
});
