import { describe, expect, it } from 'vitest';
import { explainAssessment } from '../../src/core/assess.js';
import { compilePolicy } from '../../src/core/compile.js';
import { suggestionText, suggestRoute, testCounts } from '../../src/core/suggest.js';
import { item, minimalSet, unionPolicy } from '../helpers/policy.js';
import { exampleItems } from '../interactive/fake-prompter.js';

describe('suggestRoute', () => {
  it('points each example item the tool sends to review to a concrete route only where a test passes', async () => {
    const policy = unionPolicy();
    const items = await exampleItems(policy);
    const suggestions = Object.fromEntries(
      ['WI-12', 'WI-13', 'WI-14', 'WI-15'].map((id) => {
        const found = items.find((i) => i.id === id);
        if (!found) throw new Error(id);
        return [id, suggestRoute(policy, found)];
      }),
    );
    // WI-12 is transformational but weakly aligned: union-leads passes one of its two tests.
    expect(suggestions['WI-12']).toEqual({ route: 'union', rule: 'union-leads', basis: 'closest', tests: { passing: 1, unknown: 0, total: 2 } });
    // Borderline items: the rule that would have placed them had the review rule not fired first.
    expect(suggestions['WI-13']).toEqual({ route: 'council', rule: 'council-owns', basis: 'matches' });
    expect(suggestions['WI-14']).toEqual({ route: 'ccg', rule: 'ccg-owns', basis: 'matches' });
    // Nothing known: every concrete rule's tests are unknown or fail, so there is no hint.
    expect(suggestions['WI-15']).toEqual({ basis: 'none' });
  });

  it('says the hint in words, counting only the tests that pass', async () => {
    const policy = unionPolicy();
    const items = await exampleItems(policy);
    const text = (id: string): string => suggestionText(policy, suggestRoute(policy, items.find((i) => i.id === id) ?? item({})));
    expect(text('WI-12')).toBe('The Union: rule union-leads, 1 of 2 tests pass');
    expect(text('WI-13')).toBe('Council: rule council-owns also matches');
    expect(text('WI-15')).toBe('none: no rule for a concrete route passes a single test');
    expect(suggestionText(policy, { route: 'individual', rule: 'individual-can-do', basis: 'closest', tests: { passing: 1, unknown: 2, total: 3 } })).toBe(
      'Individual: rule individual-can-do, 1 of 3 tests pass, 2 unknown',
    );
    expect(suggestionText(policy, { route: 'ccg', rule: 'ccg-owns', basis: 'closest', tests: { passing: 1, unknown: 0, total: 1 } })).toBe(
      'CCG: rule ccg-owns, 1 of 1 test passes',
    );
  });

  it('uses the trace it is given, so answers count', async () => {
    const policy = unionPolicy();
    const wi12 = (await exampleItems(policy)).find((i) => i.id === 'WI-12');
    if (!wi12) throw new Error('WI-12');
    const { trace } = explainAssessment(policy, wi12, { answers: { 'quantitative-evidence': true } });
    expect(suggestRoute(policy, wi12, trace).route).toBe('union');
  });

  it('never suggests review: with only review rules there is no hint', () => {
    const set = minimalSet({
      routing: { rules: [{ id: 'all-review', route: 'review', when: { field: 'size', gte: 0 }, reason: 'Always.' }], default: 'review' },
    });
    const policy = compilePolicy(set);
    expect(suggestRoute(policy, item({ size: 3 }))).toEqual({ basis: 'none' });
  });

  it('gives no hint when no rule passes a single test, and an unknown test is not a passing one', () => {
    const policy = compilePolicy(minimalSet());
    // Not transformational, kind x: both rules fail every test.
    expect(suggestRoute(policy, item({ size: 1, kind: 'x' }))).toEqual({ basis: 'none' });
    // kind unknown: to-b's one test is unknown, not half way there.
    expect(suggestRoute(policy, item({ size: 1 }))).toEqual({ basis: 'none' });
  });

  it('prefers the rule with more tests passing, then the one with fewer failing, then the earlier', () => {
    const set = minimalSet({
      routing: {
        rules: [
          {
            id: 'a-one',
            route: 'a',
            when: {
              all: [
                { field: 'kind', equals: 'y' },
                { field: 'flag', equals: true },
                { field: 'size', gte: 10 },
              ],
            },
            reason: 'A.',
          },
          {
            id: 'b-one',
            route: 'b',
            when: {
              all: [
                { field: 'kind', equals: 'y' },
                { field: 'flag', equals: true },
              ],
            },
            reason: 'B.',
          },
          {
            id: 'a-two',
            route: 'a',
            when: {
              all: [
                { field: 'kind', equals: 'y' },
                { field: 'size', lt: 10 },
                { field: 'flag', equals: true },
              ],
            },
            reason: 'A again.',
          },
        ],
        default: 'review',
      },
    });
    const policy = compilePolicy(set);
    // kind y passes everywhere; flag false fails everywhere; size 3 passes only a-two's test.
    expect(suggestRoute(policy, item({ kind: 'y', flag: false, size: 3 }))).toEqual({
      route: 'a',
      rule: 'a-two',
      basis: 'closest',
      tests: { passing: 2, unknown: 0, total: 3 },
    });
    // size unknown: a-one and a-two pass one test each and leave one failing, as b-one does: the earliest wins.
    expect(suggestRoute(policy, item({ kind: 'y', flag: false }))).toEqual({
      route: 'a',
      rule: 'a-one',
      basis: 'closest',
      tests: { passing: 1, unknown: 1, total: 3 },
    });
    // size 30: a-one passes two and fails one, b-one passes one: more passing wins over fewer failing.
    expect(suggestRoute(policy, item({ kind: 'y', flag: false, size: 30 }))).toEqual({
      route: 'a',
      rule: 'a-one',
      basis: 'closest',
      tests: { passing: 2, unknown: 0, total: 3 },
    });
  });

  it('counts a test under "not" as going the rule\'s way when it fails', () => {
    expect(testCounts({ test: 'not', result: true, children: [{ test: 'flag = true', result: false }] })).toEqual({ passing: 1, unknown: 0, total: 1 });
    expect(
      testCounts({
        test: 'all of',
        result: false,
        children: [
          { test: 'a', result: true },
          { test: 'not', result: false, children: [{ test: 'b', result: true }] },
        ],
      }),
    ).toEqual({
      passing: 1,
      unknown: 0,
      total: 2,
    });
    expect(
      testCounts({
        test: 'any of',
        result: null,
        children: [
          { test: 'a', result: null },
          { test: 'b', result: false },
        ],
      }),
    ).toEqual({ passing: 0, unknown: 1, total: 2 });
  });
});
