/** The `triage weights` session driven by a scripted prompter. */
import { describe, expect, it } from 'vitest';
import type { PrincipleRef } from '../../src/core/weights-report.js';
import { runWeightsSession } from '../../src/interactive/weights.js';
import { CTRL_C, ScriptedPrompter, type Step } from './fake-prompter.js';

/** A script whose answers may be numbers (intensities, choice indexes): the fake hands any value to the question. */
const script = (...steps: Array<Step | number>): Step[] => steps as Step[];

const THREE: PrincipleRef[] = [
  { id: 'insight-led', title: 'Insight', weight: 3 },
  { id: 'seamless-care', title: 'Seamless care', weight: 3 },
  { id: 'self-empowerment', title: 'Self-empowerment', weight: 1 },
];

function session(prompter: ScriptedPrompter, principles = THREE) {
  let written = '';
  return {
    run: () => runWeightsSession({ principles, prompter, maxConsistencyRatio: 0.1, write: (text) => (written += text) }),
    written: () => written,
  };
}

describe('runWeightsSession', () => {
  it('asks each pair once, which is more important and how much, in set order', async () => {
    const prompter = new ScriptedPrompter(script('first', 5, 'equally', 'second', 3));
    const result = await session(prompter).run();
    expect(prompter.asked.map((q) => q.message)).toEqual([
      '(1 of 3) Which is more important: Insight [insight-led] or Seamless care [seamless-care]?',
      'How much more important is Insight [insight-led] than Seamless care [seamless-care]?',
      '(2 of 3) Which is more important: Insight [insight-led] or Self-empowerment [self-empowerment]?',
      '(3 of 3) Which is more important: Seamless care [seamless-care] or Self-empowerment [self-empowerment]?',
      'How much more important is Self-empowerment [self-empowerment] than Seamless care [seamless-care]?',
    ]);
    expect(prompter.asked[0]?.choices).toEqual([
      { value: 'first', name: 'Insight [insight-led]' },
      { value: 'second', name: 'Seamless care [seamless-care]' },
      { value: 'equally', name: 'Equally important' },
    ]);
    expect(prompter.asked[1]?.choices?.map((c) => c.name)).toEqual([
      '2  equally to moderately (between)',
      '3  moderately',
      '4  moderately to strongly (between)',
      '5  strongly',
      '6  strongly to very strongly (between)',
      '7  very strongly',
      '8  very strongly to extremely (between)',
      '9  extremely',
    ]);
    expect(result.interrupted).toBe(false);
    if (result.interrupted) return;
    expect(result.judgements).toEqual([
      { first: 'insight-led', second: 'seamless-care', value: 5 },
      { first: 'insight-led', second: 'self-empowerment', value: 1 },
      { first: 'seamless-care', second: 'self-empowerment', value: 1 / 3 },
    ]);
  });

  it('offers the ratio of the current weights as the default, so Enter keeps them as nearly as the scale can', async () => {
    const prompter = new ScriptedPrompter([], { thenEnter: true });
    const result = await session(prompter).run();
    // 3 : 3 is equally; 3 : 1 is 3 (moderately).
    expect(prompter.asked.map((q) => q.default)).toEqual(['equally', 'first', 3, 'first', 3]);
    if (result.interrupted) throw new Error('interrupted');
    expect(result.judgements.map((j) => j.value)).toEqual([1, 3, 3]);
    expect(result.report.consistent).toBe(true);
    expect(result.report.priorities.consistencyRatio).toBe(0);
    expect(result.report.scaled).toEqual([1.29, 1.29, 0.429]);
  });

  it('while the ratio is too high, offers the judgements that contribute most, with the suggested value as the default', async () => {
    // insight-led > seamless-care > self-empowerment > insight-led, each moderately: a cycle.
    const prompter = new ScriptedPrompter(script('first', 3, 'second', 3, 'first', 3), { thenEnter: true });
    const s = session(prompter);
    const result = await s.run();
    expect(s.written()).toBe('\nThe consistency ratio is 1.149, above 0.10: some judgements contradict the others.\n');
    expect(prompter.asked.slice(6).map((q) => [q.message, q.default])).toEqual([
      ['Answer one of these comparisons again?', 0],
      ['(again) Which is more important: Insight [insight-led] or Seamless care [seamless-care]?', 'second'],
      ['How much more important is Seamless care [seamless-care] than Insight [insight-led]?', 9],
    ]);
    expect(prompter.asked[6]?.choices?.map((c) => c.name)).toEqual([
      'insight-led over seamless-care: now moderately (3); suggested: seamless-care is extremely more important than insight-led (9)',
      'self-empowerment over insight-led: now moderately (3); suggested: insight-led is extremely more important than self-empowerment (9)',
      'seamless-care over self-empowerment: now moderately (3); suggested: self-empowerment is extremely more important than seamless-care (9)',
      'Keep the judgements as they are',
    ]);
    if (result.interrupted) throw new Error('interrupted');
    expect(result.judgements.map((j) => j.value)).toEqual([1 / 9, 1 / 3, 3]);
    expect(result.report.priorities.consistencyRatio).toBe(0);
    expect(result.report.consistent).toBe(true);
  });

  it('keeps the judgements as they are when asked to', async () => {
    const prompter = new ScriptedPrompter(script('first', 3, 'second', 3, 'first', 3, -1));
    const result = await session(prompter).run();
    expect(prompter.remaining).toBe(0);
    if (result.interrupted) throw new Error('interrupted');
    expect(result.report.consistent).toBe(false);
    expect(result.judgements.map((j) => j.value)).toEqual([3, 1 / 3, 3]);
  });

  it('ends as interrupted on Ctrl-C, at any question', async () => {
    for (const steps of [script(CTRL_C), script('first', CTRL_C), script('first', 3, 'second', 3, 'first', 3, CTRL_C)]) {
      expect(await session(new ScriptedPrompter(steps)).run()).toEqual({ interrupted: true });
    }
  });

  it('asks nothing for a single principle', async () => {
    const prompter = new ScriptedPrompter([]);
    const result = await session(prompter, [{ id: 'only', title: 'Only', weight: 2 }]).run();
    expect(prompter.asked).toEqual([]);
    if (result.interrupted) throw new Error('interrupted');
    expect(result.report.scaled).toEqual([1]);
  });
});
