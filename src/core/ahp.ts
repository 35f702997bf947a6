/**
 * The analytic hierarchy process (AHP) for one level: weights from pairwise comparisons.
 * A reciprocal matrix `a[i][j]` (how much more important i is than j, `a[j][i] = 1/a[i][j]`)
 * gives weights as its principal eigenvector, found by power iteration; how far λmax is above
 * n measures the inconsistency of the judgements (Saaty's consistency index and ratio). Pure.
 */
import { SCALE_VALUES } from './saaty-scale.js';

/**
 * Saaty's random index RI(n) for n = 1..10: the mean consistency index of random reciprocal
 * matrices on the 1-9 scale, as published in T. L. Saaty, The Analytic Hierarchy Process
 * (McGraw-Hill, 1980). Published tables for larger n disagree with each other (different
 * simulations), so the consistency ratio is defined here for at most 10 elements.
 */
export const RANDOM_INDEX: readonly number[] = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/** Most elements compared at once: the largest n with a random index above. */
export const MAX_ELEMENTS = RANDOM_INDEX.length;

/** Power iteration stops when no weight moves by more than this between two steps. */
export const TOLERANCE = 1e-12;

/** Power iteration gives up after this many steps (n <= 10 converges in well under 100). */
export const MAX_ITERATIONS = 10_000;

/** Saaty's threshold: a consistency ratio above 0.10 asks for the judgements to be revised. */
export const DEFAULT_MAX_CONSISTENCY_RATIO = 0.1;

/** One comparison: `value` is how much more important element `i` is than element `j`. */
export interface Comparison {
  i: number;
  j: number;
  value: number;
}

export interface Priorities {
  /** The principal eigenvector, scaled to sum to 1. */
  weights: number[];
  lambdaMax: number;
  /** CI = (λmax − n) / (n − 1); 0 for n <= 2. */
  consistencyIndex: number;
  /** RI(n) from RANDOM_INDEX. */
  randomIndex: number;
  /** CR = CI / RI; 0 for n <= 2, where every reciprocal matrix is consistent. */
  consistencyRatio: number;
  /** Power-iteration steps taken. */
  iterations: number;
  /** False when MAX_ITERATIONS passed before the weights settled within TOLERANCE. */
  converged: boolean;
}

/**
 * The n × n reciprocal matrix of a set of comparisons, one per pair (either direction):
 * 1 on the diagonal, `value` at (i, j), `1 / value` at (j, i).
 */
export function reciprocalMatrix(n: number, comparisons: readonly Comparison[]): number[][] {
  const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : Number.NaN)));
  for (const { i, j, value } of comparisons) {
    const row = matrix[i] as number[];
    const column = matrix[j] as number[];
    row[j] = value;
    column[i] = 1 / value;
  }
  for (const row of matrix) {
    if (row.some((v) => !(v > 0))) throw new RangeError('every pair needs one comparison with a positive value');
  }
  return matrix;
}

/**
 * Principal eigenvector and eigenvalue of a positive matrix by power iteration from equal
 * weights: w ← A·w / Σ(A·w) until no weight moves by more than TOLERANCE. A positive
 * matrix has one dominant eigenvalue (Perron-Frobenius), so this converges; it is
 * deterministic, as it uses only +, × and ÷ in a fixed order. λmax = Σ(A·w) for Σw = 1.
 */
export function principalEigenvector(matrix: readonly (readonly number[])[]): { weights: number[]; lambdaMax: number; iterations: number; converged: boolean } {
  const n = matrix.length;
  let weights = Array.from({ length: n }, () => 1 / n);
  let lambdaMax = n;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const product = multiply(matrix, weights);
    lambdaMax = sum(product);
    const next = product.map((v) => v / lambdaMax);
    const moved = Math.max(0, ...next.map((v, k) => Math.abs(v - (weights[k] as number))));
    weights = next;
    if (moved <= TOLERANCE) {
      // λmax from the settled weights, so it agrees with them to the last digit.
      return { weights, lambdaMax: sum(multiply(matrix, weights)), iterations: iteration, converged: true };
    }
  }
  return { weights, lambdaMax, iterations: MAX_ITERATIONS, converged: false };
}

/** Weights, λmax, CI, RI and CR of a reciprocal matrix of at most MAX_ELEMENTS rows. */
export function priorities(matrix: readonly (readonly number[])[]): Priorities {
  const n = matrix.length;
  if (n < 1 || n > MAX_ELEMENTS) throw new RangeError(`AHP here compares 1 to ${MAX_ELEMENTS} elements, not ${n}`);
  const { weights, lambdaMax, iterations, converged } = principalEigenvector(matrix);
  // λmax >= n for every positive reciprocal matrix; below it is rounding, and means consistent.
  const consistencyIndex = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const randomIndex = RANDOM_INDEX[n - 1] as number;
  const consistencyRatio = randomIndex > 0 ? consistencyIndex / randomIndex : 0;
  return { weights, lambdaMax, consistencyIndex, randomIndex, consistencyRatio, iterations, converged };
}

/** How one judgement compares with what the weights imply. */
export interface JudgementFit {
  i: number;
  j: number;
  /** The judgement a[i][j]. */
  value: number;
  /** w[i] / w[j]: the judgement that would agree with the weights. */
  implied: number;
  /** e = a[i][j] · w[j] / w[i]: 1 when the judgement agrees with the weights. */
  error: number;
  /**
   * This judgement's share of the inconsistency, 0-1. With w the principal eigenvector,
   * n(λmax − n) = Σ over pairs of (e + 1/e − 2), so each pair's term is exactly its part of
   * λmax − n (and so of CI and CR); 0 for every pair when the judgements are consistent.
   */
  share: number;
}

/** Every judgement (i < j) with its fit to the weights, in matrix order. */
export function judgementFits(matrix: readonly (readonly number[])[], weights: readonly number[]): JudgementFit[] {
  const fits: Array<Omit<JudgementFit, 'share'> & { term: number }> = [];
  for (let i = 0; i < matrix.length; i++) {
    for (let j = i + 1; j < matrix.length; j++) {
      const value = (matrix[i] as number[])[j] as number;
      const implied = (weights[i] as number) / (weights[j] as number);
      const error = value / implied;
      fits.push({ i, j, value, implied, error, term: error + 1 / error - 2 });
    }
  }
  const total = sum(fits.map((f) => f.term));
  // Terms below rounding noise (a consistent matrix) are no inconsistency at all.
  const meaningful = total > 1e-9;
  return fits.map(({ term, ...fit }) => ({ ...fit, share: meaningful ? term / total : 0 }));
}

/** A change to one judgement that lowers the consistency ratio. */
export interface Revision {
  i: number;
  j: number;
  /** The judgement now. */
  from: number;
  /** The scale value suggested instead. */
  to: number;
  /** The consistency ratio with `to` in place of `from`, the rest unchanged. */
  consistencyRatio: number;
}

/**
 * For a judgement, the value on the scale that makes the judgements most consistent with the
 * others unchanged (the lowest consistency ratio; of equals, the one nearest the judgement
 * now), with that ratio. Trying every value, rather than rounding w[i] / w[j], also finds a
 * judgement entered the wrong way round: the weights are pulled towards the wrong value, so
 * their ratio understates the change needed. Undefined when no value lowers the ratio.
 */
export function reviseJudgement(matrix: readonly (readonly number[])[], fit: JudgementFit, current: Priorities): Revision | undefined {
  const revised = matrix.map((row) => [...row]);
  const change = (to: number): number => Math.abs(Math.log(to / fit.value));
  let best: Revision | undefined;
  for (const to of SCALE_VALUES) {
    if (Math.abs(to - fit.value) < 1e-12) continue;
    (revised[fit.i] as number[])[fit.j] = to;
    (revised[fit.j] as number[])[fit.i] = 1 / to;
    const { consistencyRatio } = priorities(revised);
    if (
      best === undefined ||
      consistencyRatio < best.consistencyRatio - 1e-12 ||
      (consistencyRatio <= best.consistencyRatio + 1e-12 && change(to) < change(best.to))
    ) {
      best = { i: fit.i, j: fit.j, from: fit.value, to, consistencyRatio };
    }
  }
  return best && best.consistencyRatio < current.consistencyRatio - 1e-12 ? best : undefined;
}

/** Judgements ordered by their share of the inconsistency, largest first (ties: matrix order). */
export function byInconsistency(fits: readonly JudgementFit[]): JudgementFit[] {
  return fits
    .map((fit, k) => ({ fit, k }))
    .sort((a, b) => b.fit.share - a.fit.share || a.k - b.k)
    .map(({ fit }) => fit);
}

/**
 * Weights for a principle set: each AHP share times the number of principles (so 1 is an
 * average principle), to 3 significant figures. Alignment uses only the ratios of weights,
 * and 3 figures keep each ratio within 0.5% of the AHP one. Each is above 0 and at most n.
 */
export function scaledWeights(weights: readonly number[]): number[] {
  return weights.map((w) => Number((w * weights.length).toPrecision(3)));
}

function multiply(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  return matrix.map((row) => {
    let total = 0;
    for (let k = 0; k < row.length; k++) total += (row[k] as number) * (vector[k] as number);
    return total;
  });
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
