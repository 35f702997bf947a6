/** `mentions` tests answered by the shared vocabulary, and by themselves once its bits run out. */
import { describe, expect, it } from 'vitest';
import { EvalContext, Vocabulary, compileCondition } from '../../src/core/conditions.js';

describe('mentions', () => {
  it('gives the same answers for the 40th keyword set of a vocabulary as for the first', () => {
    const vocabulary = new Vocabulary();
    const conditions = Array.from({ length: 40 }, (_, k) =>
      compileCondition({ field: 'description', mentions: [`word${k}`, `new way ${k}`] }, vocabulary),
    );
    const answers = (text: string): number[] => {
      const ctx = new EvalContext({ description: text });
      return conditions.flatMap((condition, k) => (condition.evaluate(ctx) ? [k] : []));
    };
    expect(answers('Word0 and WORD39, then a new way 35 and a new way to 2')).toEqual([0, 35, 39]);
    expect(answers('nothing here')).toEqual([]);
  });

  it('finds phrases only as whole consecutive words', () => {
    const condition = compileCondition({ field: 'description', mentions: ['test and learn'] });
    const says = (text: string) => condition.evaluate(new EvalContext({ description: text }));
    expect([says('We test-and-learn.'), says('test, and then learn'), says('contest and learn')]).toEqual([true, false, false]);
  });
});
