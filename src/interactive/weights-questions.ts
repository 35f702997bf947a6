/**
 * The questions of `triage weights`, as data: for a pair of principles, which is more
 * important (or equally), then how much, on Saaty's scale in words. Defaults come from the
 * principle set's current weights, so Enter at every question keeps their ratios as nearly
 * as the scale can.
 */
import { INTENSITIES, intensityName, nearestScaleValue, orient, type Intensity } from '../core/saaty-scale.js';
import type { JudgementReport, PrincipleRef } from '../core/weights-report.js';
import { sentence } from '../formats/weights-table.js';
import type { SelectQuestion } from './prompts.js';

export type Favoured = 'first' | 'second' | 'equally';

/** A pair's judgement as the two answers that give it. */
export interface PairAnswer {
  favoured: Favoured;
  intensity: Intensity;
}

/** The answers that give a scale value for (first, second). */
export function answerFor(value: number): PairAnswer {
  const { favoursFirst, intensity } = orient(value);
  if (intensity === 1) return { favoured: 'equally', intensity: 1 };
  return { favoured: favoursFirst ? 'first' : 'second', intensity };
}

/** The answers nearest to the ratio of two current weights. */
export function answerFromWeights(first: PrincipleRef, second: PrincipleRef): PairAnswer {
  return answerFor(nearestScaleValue(first.weight / second.weight));
}

/** The scale value of two answers for (first, second). */
export function valueOf(answer: PairAnswer): number {
  if (answer.favoured === 'equally') return 1;
  return answer.favoured === 'first' ? answer.intensity : 1 / answer.intensity;
}

/** "Which matters more?" with the two principles and "equally". */
export function favouredQuestion(first: PrincipleRef, second: PrincipleRef, counter: string, earlier: PairAnswer): SelectQuestion<Favoured> {
  return {
    message: `${counter} Which is more important: ${first.title} [${first.id}] or ${second.title} [${second.id}]?`,
    choices: [
      { value: 'first', name: `${first.title} [${first.id}]` },
      { value: 'second', name: `${second.title} [${second.id}]` },
      { value: 'equally', name: 'Equally important' },
    ],
    default: earlier.favoured,
  };
}

/** "How much more?": Saaty's 2-9 in words; 3, 5, 7, 9 are the named steps, 2, 4, 6, 8 lie between. */
export function intensityQuestion(more: PrincipleRef, less: PrincipleRef, earlier: Intensity): SelectQuestion<Intensity> {
  return {
    message: `How much more important is ${more.title} [${more.id}] than ${less.title} [${less.id}]?`,
    choices: INTENSITIES.filter((k) => k > 1).map((k) => ({
      value: k,
      name: `${k}  ${intensityName(k)}${k % 2 === 0 ? ' (between)' : ''}`,
    })),
    default: earlier === 1 ? 3 : earlier,
  };
}

/** Choice value for keeping the judgements as they are. */
export const KEEP = -1;

/** Which judgement to answer again, with the suggested revision of each; or keep them. */
export function reviseQuestion(candidates: readonly JudgementReport[]): SelectQuestion<number> {
  return {
    message: 'Answer one of these comparisons again?',
    choices: [
      ...candidates.map((j, k) => ({
        value: k,
        name: `${j.more} over ${j.less}: now ${intensityName(j.intensity)} (${j.intensity})${j.revision ? `; suggested: ${sentence(j.revision)}` : ''}`,
        ...(j.revision ? { description: `the consistency ratio would become ${j.revision.consistencyRatio.toFixed(3)}` } : {}),
      })),
      { value: KEEP, name: 'Keep the judgements as they are' },
    ],
    default: 0,
  };
}
