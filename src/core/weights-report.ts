/**
 * Principle weights from pairwise judgements, as data for the formats: the AHP weights and
 * consistency, each judgement's fit, and revisions that would make the judgements agree
 * better. Pure: principles and judgements in, a report out.
 */
import {
  DEFAULT_MAX_CONSISTENCY_RATIO,
  byInconsistency,
  judgementFits,
  priorities,
  reciprocalMatrix,
  reviseJudgement,
  scaledWeights,
  type Priorities,
} from './ahp.js';
import { orient, type Intensity } from './saaty-scale.js';

export interface PrincipleRef {
  id: string;
  title: string;
  /** The weight the principle set gives it now. */
  weight: number;
}

/** "`first` is `value` times as important as `second`", value on Saaty's scale (1/9 to 9). */
export interface Judgement {
  first: string;
  second: string;
  value: number;
}

/** A judgement as who is favoured and how strongly; for `equally`, the pair in set order. */
export interface Oriented {
  more: string;
  less: string;
  intensity: Intensity;
}

export interface JudgementReport extends Oriented {
  /** w[more] / w[less]: the ratio the weights give this pair. */
  implied: number;
  /** Share of the inconsistency, 0-1 (see JudgementFit.share). */
  share: number;
  /** A judgement on the scale that would lower the consistency ratio, and the ratio then. */
  revision?: Oriented & { consistencyRatio: number };
}

export interface WeightsReport {
  principles: PrincipleRef[];
  priorities: Priorities;
  /** What a principle set would hold: the shares scaled by `scaledWeights`, in set order. */
  scaled: number[];
  /** Largest share of the inconsistency first. */
  judgements: JudgementReport[];
  maxConsistencyRatio: number;
  /** CR at most maxConsistencyRatio. */
  consistent: boolean;
}

/**
 * The report for principles (in set order) and one judgement per pair. Throws RangeError
 * when a pair has no judgement: the caller checks the judgements first.
 */
export function weightsReport(
  principles: readonly PrincipleRef[],
  judgements: readonly Judgement[],
  maxConsistencyRatio = DEFAULT_MAX_CONSISTENCY_RATIO,
): WeightsReport {
  const index = new Map(principles.map((p, k) => [p.id, k]));
  const at = (id: string): number => {
    const k = index.get(id);
    if (k === undefined) throw new RangeError(`${id} is not one of the principles compared`);
    return k;
  };
  const matrix = reciprocalMatrix(
    principles.length,
    judgements.map((j) => ({ i: at(j.first), j: at(j.second), value: j.value })),
  );
  const result = priorities(matrix);
  const ids = principles.map((p) => p.id);
  const reports = byInconsistency(judgementFits(matrix, result.weights)).map((fit): JudgementReport => {
    const oriented = orientPair(ids, fit.i, fit.j, fit.value);
    const implied = oriented.more === ids[fit.i] ? fit.implied : 1 / fit.implied;
    const revision = result.consistencyRatio > 0 ? reviseJudgement(matrix, fit, result) : undefined;
    return {
      ...oriented,
      implied,
      share: fit.share,
      ...(revision ? { revision: { ...orientPair(ids, fit.i, fit.j, revision.to), consistencyRatio: revision.consistencyRatio } } : {}),
    };
  });
  return {
    principles: [...principles],
    priorities: result,
    scaled: scaledWeights(result.weights),
    judgements: reports,
    maxConsistencyRatio,
    consistent: result.consistencyRatio <= maxConsistencyRatio,
  };
}

/** The pair (i, j) with value a[i][j], as who is favoured and how strongly. */
export function orientPair(ids: readonly string[], i: number, j: number, value: number): Oriented {
  const { favoursFirst, intensity } = orient(value);
  const first = ids[i] as string;
  const second = ids[j] as string;
  return favoursFirst ? { more: first, less: second, intensity } : { more: second, less: first, intensity };
}

/** The judgements that most need a second look: those with a revision, largest share first. */
export function revisionsToConsider(report: WeightsReport, limit = 3): JudgementReport[] {
  if (report.consistent) return [];
  return report.judgements.filter((j) => j.revision !== undefined).slice(0, limit);
}

/** A limit on the consistency ratio as people write it: 0.10, 0.20, 0.125. */
export function formatLimit(value: number): string {
  const short = value.toFixed(2);
  return Number(short) === value ? short : String(value);
}
