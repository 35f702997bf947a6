/**
 * AHP against published worked examples. The expected numbers are the published ones (to the
 * decimals published) and, to more decimals, those of an independent computation: numpy's
 * dense eigensolver (numpy.linalg.eig) and a separate power iteration written in Python,
 * which agreed with each other to every decimal shown here.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_ELEMENTS,
  RANDOM_INDEX,
  byInconsistency,
  judgementFits,
  principalEigenvector,
  priorities,
  reciprocalMatrix,
  reviseJudgement,
  scaledWeights,
  type JudgementFit,
} from '../../src/core/ahp.js';

/** A matrix from rows of text such as "1 5 1/3". */
function matrix(...rows: string[]): number[][] {
  return rows.map((row) =>
    row.split(/\s+/).map((cell) => {
      const [a, b] = cell.split('/');
      return b === undefined ? Number(a) : Number(a) / Number(b);
    }),
  );
}

/**
 * T. L. Saaty, "How to make a decision: The Analytic Hierarchy Process", European Journal
 * of Operational Research 48 (1990) 9-26: the criteria for buying a house, in order size of
 * house, transportation, neighbourhood, age of house, yard space, modern facilities, general
 * condition, financing. Published: weights .173 .054 .188 .018 .031 .036 .167 .333,
 * λmax = 9.669, C.I. = 0.238, C.R. = 0.169 (inconsistent: above 0.10).
 */
const HOUSE = matrix(
  '1   5   3   7 6   6   1/3 1/4',
  '1/5 1   1/3 5 3   3   1/5 1/7',
  '1/3 3   1   6 3   4   6   1/5',
  '1/7 1/5 1/6 1 1/3 1/4 1/7 1/8',
  '1/6 1/3 1/3 3 1   1/2 1/5 1/6',
  '1/6 1/3 1/4 4 2   1   1/5 1/6',
  '3   5   1/6 7 5   5   1   1/2',
  '4   7   5   8 6   6   2   1',
);

/**
 * T. L. Saaty, The Analytic Hierarchy Process (McGraw-Hill, 1980): the relative wealth of
 * seven nations (after Saaty and Khouja, 1976), in order US, USSR, China, France, UK, Japan,
 * West Germany. Published: eigenvector .427 .230 .021 .052 .052 .123 .094, λmax = 7.61.
 */
const NATIONS = matrix(
  '1   4   9 6   6   5   5',
  '1/4 1   7 5   5   3   4',
  '1/9 1/7 1 1/5 1/5 1/7 1/5',
  '1/6 1/5 5 1   1   1/3 1/3',
  '1/6 1/5 5 1   1   1/3 1/3',
  '1/5 1/3 7 3   3   1   2',
  '1/5 1/4 5 3   3   1/2 1',
);

const rounded = (values: readonly number[], digits: number): number[] => values.map((v) => Number(v.toFixed(digits)));

describe('priorities: published worked examples', () => {
  it("Saaty's house example (EJOR 1990): weights, λmax, CI and CR to 3 decimals", () => {
    const result = priorities(HOUSE);
    expect(rounded(result.weights, 3)).toEqual([0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]);
    expect(result.lambdaMax.toFixed(3)).toBe('9.669');
    expect(result.consistencyIndex.toFixed(3)).toBe('0.238');
    expect(result.randomIndex).toBe(1.41);
    expect(result.consistencyRatio.toFixed(3)).toBe('0.169');
    expect(result.converged).toBe(true);
  });

  it('the house example to 6 decimals, as numpy and a Python power iteration give it', () => {
    const result = priorities(HOUSE);
    expect(rounded(result.weights, 6)).toEqual([0.173017, 0.053976, 0.18811, 0.017508, 0.031044, 0.036322, 0.166834, 0.333189]);
    expect(result.lambdaMax.toFixed(6)).toBe('9.668887');
    expect(result.consistencyIndex.toFixed(6)).toBe('0.238412');
    expect(result.consistencyRatio.toFixed(6)).toBe('0.169087');
    expect(result.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("Saaty's wealth of nations (1980): the published eigenvector, and CR below 0.10", () => {
    const result = priorities(NATIONS);
    expect(rounded(result.weights, 3)).toEqual([0.427, 0.23, 0.021, 0.052, 0.052, 0.123, 0.094]);
    expect(result.lambdaMax.toFixed(2)).toBe('7.61');
    // numpy: λmax 7.607720, CI 0.101287, CR 0.076732 with RI(7) = 1.32.
    expect(result.lambdaMax.toFixed(6)).toBe('7.607720');
    expect(result.consistencyIndex.toFixed(6)).toBe('0.101287');
    expect(result.consistencyRatio.toFixed(6)).toBe('0.076732');
  });
});

describe('priorities: edge cases', () => {
  it("uses Saaty's 1980 random index for n = 1 to 10, and refuses more", () => {
    expect(RANDOM_INDEX).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);
    expect(MAX_ELEMENTS).toBe(10);
    const eleven = Array.from({ length: 11 }, () => Array.from({ length: 11 }, () => 1));
    expect(() => priorities(eleven)).toThrow('AHP here compares 1 to 10 elements, not 11');
  });

  it('one element weighs 1; two are always consistent (CR 0)', () => {
    expect(priorities([[1]])).toMatchObject({ weights: [1], lambdaMax: 1, consistencyIndex: 0, randomIndex: 0, consistencyRatio: 0 });
    const two = priorities(matrix('1 3', '1/3 1'));
    expect(two.weights).toEqual([0.75, 0.25]);
    expect(two.lambdaMax).toBe(2);
    expect(two.consistencyRatio).toBe(0);
  });

  it('a consistent matrix gives the exact ratios, λmax = n and CR 0', () => {
    // w = 4 : 2 : 1, so a12 = 2, a13 = 4, a23 = 2.
    const result = priorities(matrix('1 2 4', '1/2 1 2', '1/4 1/2 1'));
    expect(rounded(result.weights, 12)).toEqual(rounded([4 / 7, 2 / 7, 1 / 7], 12));
    expect(result.lambdaMax).toBeCloseTo(3, 12);
    expect(result.consistencyIndex).toBe(0);
    expect(result.consistencyRatio).toBe(0);
  });

  it('equal judgements give equal weights in one step', () => {
    const ones = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 1));
    expect(principalEigenvector(ones)).toEqual({ weights: [0.2, 0.2, 0.2, 0.2, 0.2], lambdaMax: 5, iterations: 1, converged: true });
  });

  it('is deterministic: the same matrix gives the same bits', () => {
    expect(priorities(HOUSE)).toEqual(priorities(HOUSE.map((row) => [...row])));
  });
});

describe('reciprocalMatrix', () => {
  it('fills the reciprocal and the diagonal, from comparisons in either direction', () => {
    expect(
      reciprocalMatrix(3, [
        { i: 0, j: 1, value: 3 },
        { i: 2, j: 0, value: 1 / 5 },
        { i: 1, j: 2, value: 1 },
      ]),
    ).toEqual([
      [1, 3, 5],
      [1 / 3, 1, 1],
      [1 / 5, 1, 1],
    ]);
  });

  it('refuses a pair with no comparison', () => {
    expect(() => reciprocalMatrix(3, [{ i: 0, j: 1, value: 3 }])).toThrow('every pair needs one comparison with a positive value');
  });
});

describe('inconsistency', () => {
  it('splits λmax − n exactly among the judgements, largest share first (the house example)', () => {
    const result = priorities(HOUSE);
    const fits = judgementFits(HOUSE, result.weights);
    expect(fits).toHaveLength(28);
    expect(fits.reduce((sum, f) => sum + f.share, 0)).toBeCloseTo(1, 12);
    // Σ (e + 1/e − 2) over pairs = n(λmax − n): 13.351099 in numpy.
    const terms = fits.reduce((sum, f) => sum + f.error + 1 / f.error - 2, 0);
    expect(terms.toFixed(6)).toBe((8 * (result.lambdaMax - 8)).toFixed(6));
    expect(terms.toFixed(6)).toBe('13.351099');
    const top = byInconsistency(fits)
      .slice(0, 4)
      .map((f) => ({ i: f.i, j: f.j, value: Number(f.value.toFixed(4)), implied: Number(f.implied.toFixed(4)), share: Number(f.share.toFixed(4)) }));
    // Neighbourhood judged 6 times as important as general condition, where the rest imply 1.13.
    expect(top).toEqual([
      { i: 2, j: 6, value: 6, implied: 1.1275, share: 0.2628 },
      { i: 0, j: 2, value: 3, implied: 0.9198, share: 0.1175 },
      { i: 0, j: 6, value: 0.3333, implied: 1.0371, share: 0.1073 },
      { i: 2, j: 7, value: 0.2, implied: 0.5646, share: 0.0882 },
    ]);
  });

  it('suggests the value on the scale that lowers the CR most, with the CR it would give', () => {
    const result = priorities(HOUSE);
    const [worst, second, third, fourth] = byInconsistency(judgementFits(HOUSE, result.weights));
    const revise = (fit: JudgementFit | undefined) => {
      const r = reviseJudgement(HOUSE, fit as JudgementFit, result);
      return r && { ...r, from: Number(r.from.toFixed(4)), consistencyRatio: Number(r.consistencyRatio.toFixed(6)) };
    };
    // numpy, trying each of the 17 scale values in the revised matrix.
    expect(revise(worst)).toEqual({ i: 2, j: 6, from: 6, to: 0.5, consistencyRatio: 0.082242 });
    expect(revise(second)).toEqual({ i: 0, j: 2, from: 3, to: 1, consistencyRatio: 0.144531 });
    expect(revise(third)).toEqual({ i: 0, j: 6, from: 0.3333, to: 2, consistencyRatio: 0.134337 });
    expect(revise(fourth)).toEqual({ i: 2, j: 7, from: 0.2, to: 0.5, consistencyRatio: 0.156014 });
  });

  it('finds a judgement entered the wrong way round, which rounding w[i] / w[j] would not', () => {
    // Five principles judged nearly consistently (CR 0.006), then a[2][5] entered as 5 instead of 1/5.
    const slip = matrix('1 2 2 1/2 1/3', '1/2 1 1 1/3 5', '1/2 1 1 1/3 1/4', '2 3 3 1 1/2', '3 1/5 4 2 1');
    const result = priorities(slip);
    expect(result.consistencyRatio.toFixed(6)).toBe('0.375398');
    const [worst] = byInconsistency(judgementFits(slip, result.weights));
    expect(worst).toMatchObject({ i: 1, j: 4, value: 5 });
    // The weights put the two about level (ratio 1.06), so rounding would say "equally" (CR 0.086).
    expect(worst?.implied.toFixed(2)).toBe('1.06');
    const revision = reviseJudgement(slip, worst as JudgementFit, result);
    expect(revision?.to).toBe(1 / 5);
    expect(revision?.consistencyRatio.toFixed(6)).toBe('0.006212');
  });

  it('gives every judgement a share of 0 when the judgements are consistent', () => {
    const m = matrix('1 2 4', '1/2 1 2', '1/4 1/2 1');
    expect(judgementFits(m, priorities(m).weights).map((f) => f.share)).toEqual([0, 0, 0]);
  });
});

describe('scaledWeights', () => {
  it('scales shares to an average of 1, to 3 significant figures', () => {
    expect(scaledWeights(priorities(HOUSE).weights)).toEqual([1.38, 0.432, 1.5, 0.14, 0.248, 0.291, 1.33, 2.67]);
    expect(scaledWeights([1])).toEqual([1]);
    expect(scaledWeights([0.5, 0.25, 0.25])).toEqual([1.5, 0.75, 0.75]);
  });
});
