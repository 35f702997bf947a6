/**
 * The `triage weights` session: each pair of principles once, which is more important and
 * how much; then the weights and their consistency ratio, and while the ratio is too high,
 * the judgements that contribute most, to answer again. Prompts and output are passed in,
 * so tests drive it with a scripted prompter.
 */
import { formatLimit, revisionsToConsider, weightsReport, type Judgement, type PrincipleRef, type WeightsReport } from '../core/weights-report.js';
import { isInterrupt, type Prompter } from './prompts.js';
import { KEEP, answerFor, answerFromWeights, favouredQuestion, intensityQuestion, reviseQuestion, valueOf, type PairAnswer } from './weights-questions.js';

export interface WeightsSession {
  /** In set order. */
  principles: readonly PrincipleRef[];
  prompter: Prompter;
  maxConsistencyRatio: number;
  /** Messages between questions (the terminal). */
  write: (text: string) => void;
}

export type WeightsSessionResult = { interrupted: false; judgements: Judgement[]; report: WeightsReport } | { interrupted: true };

/** Ask every pair, then offer revisions while the ratio is too high. Ctrl-C ends it as `interrupted`. */
export async function runWeightsSession(session: WeightsSession): Promise<WeightsSessionResult> {
  const { principles } = session;
  const pairs: Array<[PrincipleRef, PrincipleRef]> = [];
  principles.forEach((first, i) => principles.slice(i + 1).forEach((second) => pairs.push([first, second])));
  try {
    const values = new Map<string, number>();
    for (const [k, [first, second]] of pairs.entries()) {
      const answer = await askPair(session.prompter, first, second, `(${k + 1} of ${pairs.length})`, answerFromWeights(first, second));
      values.set(key(first.id, second.id), valueOf(answer));
    }
    let report = weightsReport(principles, judgementsOf(pairs, values), session.maxConsistencyRatio);
    for (;;) {
      const candidates = revisionsToConsider(report);
      if (report.consistent || candidates.length === 0) break;
      session.write(
        `\nThe consistency ratio is ${report.priorities.consistencyRatio.toFixed(3)}, above ${formatLimit(report.maxConsistencyRatio)}: some judgements contradict the others.\n`,
      );
      const choice = await session.prompter.select(reviseQuestion(candidates));
      if (choice === KEEP) break;
      const chosen = candidates[choice];
      const pair = chosen && pairs.find(([a, b]) => (a.id === chosen.more && b.id === chosen.less) || (a.id === chosen.less && b.id === chosen.more));
      if (!chosen?.revision || !pair) break;
      const [first, second] = pair;
      const suggested = chosen.revision.more === first.id ? chosen.revision.intensity : 1 / chosen.revision.intensity;
      const answer = await askPair(session.prompter, first, second, '(again)', answerFor(suggested));
      values.set(key(first.id, second.id), valueOf(answer));
      report = weightsReport(principles, judgementsOf(pairs, values), session.maxConsistencyRatio);
    }
    return { interrupted: false, judgements: judgementsOf(pairs, values), report };
  } catch (error) {
    if (isInterrupt(error)) return { interrupted: true };
    throw error;
  }
}

/** Which is more important, then (unless equally) how much; Enter keeps `earlier`. */
async function askPair(prompter: Prompter, first: PrincipleRef, second: PrincipleRef, counter: string, earlier: PairAnswer): Promise<PairAnswer> {
  const favoured = await prompter.select(favouredQuestion(first, second, counter, earlier));
  if (favoured === 'equally') return { favoured, intensity: 1 };
  const [more, less] = favoured === 'first' ? [first, second] : [second, first];
  const intensity = await prompter.select(intensityQuestion(more, less, favoured === earlier.favoured ? earlier.intensity : 3));
  return { favoured, intensity };
}

function judgementsOf(pairs: ReadonlyArray<[PrincipleRef, PrincipleRef]>, values: ReadonlyMap<string, number>): Judgement[] {
  return pairs.map(([first, second]) => ({ first: first.id, second: second.id, value: values.get(key(first.id, second.id)) ?? 1 }));
}

function key(a: string, b: string): string {
  return `${a}\u0000${b}`;
}
