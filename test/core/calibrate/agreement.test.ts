/** Agreement with decisions on a small hand-made list: the exact matrix, per-route figures and rules overruled. */
import { describe, expect, it } from 'vitest';
import { agreementOf, type DecidedOutcome } from '../../../src/core/calibrate/agreement.js';

const ROUTES = ['a', 'b', 'review'];
const RULES = ['to-a', 'to-b', 'default'];

const o = (recommended: string, rule: string, decided: string): DecidedOutcome => ({ recommended, rule, decided });

describe('agreementOf', () => {
  // Six decided items: three confirmed, three overridden (two of them from the default).
  const outcomes = [
    o('a', 'to-a', 'a'),
    o('a', 'to-a', 'a'),
    o('a', 'to-a', 'b'),
    o('b', 'to-b', 'b'),
    o('review', 'default', 'a'),
    o('review', 'default', 'b'),
  ];
  const agreement = agreementOf(outcomes, ROUTES, RULES);

  it('counts agreement overall', () => {
    expect([agreement.decided, agreement.agreed, agreement.share]).toEqual([6, 3, 0.5]);
  });

  it('puts recommended routes in rows and decided routes in columns, every route in both', () => {
    expect(agreement.matrix).toEqual({
      a: { a: 2, b: 1, review: 0 },
      b: { a: 0, b: 1, review: 0 },
      review: { a: 1, b: 1, review: 0 },
    });
    expect(Object.keys(agreement.matrix)).toEqual(ROUTES);
  });

  it('gives each route its decided, recommended and agreed counts', () => {
    expect(agreement.byRoute).toEqual([
      { route: 'a', decided: 3, recommended: 3, agreed: 2 },
      { route: 'b', decided: 3, recommended: 1, agreed: 1 },
      { route: 'review', decided: 0, recommended: 2, agreed: 0 },
    ]);
  });

  it('lists the rules overruled, most overrides first, ties in the set’s order', () => {
    expect(agreement.overruled).toEqual([
      { rule: 'default', recommended: 2, overridden: 2 },
      { rule: 'to-a', recommended: 3, overridden: 1 },
    ]);
    const tied = agreementOf([o('a', 'to-a', 'b'), o('b', 'to-b', 'a')], ROUTES, RULES);
    expect(tied.overruled.map((r) => r.rule)).toEqual(['to-a', 'to-b']);
  });

  it('adds a route it does not know after the known ones, and agrees fully with nothing decided', () => {
    const odd = agreementOf([o('a', 'to-a', 'elsewhere')], ROUTES, RULES);
    expect(Object.keys(odd.matrix)).toEqual(['a', 'b', 'review', 'elsewhere']);
    expect(odd.matrix['a']).toEqual({ a: 0, b: 0, review: 0, elsewhere: 1 });
    expect(agreementOf([], ROUTES, RULES)).toMatchObject({ decided: 0, agreed: 0, share: 1, overruled: [] });
  });
});
