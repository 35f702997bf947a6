import { describe, expect, it } from 'vitest';
import { explainAssessment } from '../../src/core/assess.js';
import { compilePolicy } from '../../src/core/compile.js';
import { closeness, suggestRoute } from '../../src/core/suggest.js';
import { item, minimalSet, unionPolicy } from '../helpers/policy.js';
import { exampleItems } from '../interactive/fake-prompter.js';

describe('suggestRoute', () => {
  it('suggests a concrete route for each example item the tool sends to review', async () => {
    const policy = unionPolicy();
    const items = await exampleItems(policy);
    const suggestions = Object.fromEntries(
      ['WI-12', 'WI-13', 'WI-14', 'WI-15'].map((id) => {
        const found = items.find((i) => i.id === id);
        if (!found) throw new Error(id);
        return [id, suggestRoute(policy, found)];
      }),
    );
    // WI-12 is transformational but weakly aligned: union-leads is the rule half met.
    expect(suggestions['WI-12']).toEqual({ route: 'union', rule: 'union-leads', basis: 'closest', score: 0.5 });
    // Borderline items: the rule that would have placed them had the review rule not fired first.
    expect(suggestions['WI-13']).toEqual({ route: 'council', rule: 'council-owns', basis: 'matches' });
    expect(suggestions['WI-14']).toEqual({ route: 'ccg', rule: 'ccg-owns', basis: 'matches' });
    // Nothing known: three rules tie at one half; the earlier one wins.
    expect(suggestions['WI-15']).toEqual({ route: 'individual', rule: 'individual-can-do', basis: 'closest', score: 0.5 });
  });

  it('uses the trace it is given, so answers count', async () => {
    const policy = unionPolicy();
    const wi12 = (await exampleItems(policy)).find((i) => i.id === 'WI-12');
    if (!wi12) throw new Error('WI-12');
    const { trace } = explainAssessment(policy, wi12, { answers: { 'quantitative-evidence': true } });
    expect(suggestRoute(policy, wi12, trace).route).toBe('union');
  });

  it('never suggests review, and falls back to the first concrete route', () => {
    const set = minimalSet({
      routing: { rules: [{ id: 'all-review', route: 'review', when: { field: 'size', gte: 0 }, reason: 'Always.' }], default: 'review' },
    });
    const policy = compilePolicy(set);
    expect(suggestRoute(policy, item({ size: 3 }))).toEqual({ route: 'a', basis: 'first-route' });
  });

  it('falls back to the first route when no rule passes a single test', () => {
    const policy = compilePolicy(minimalSet());
    // Not transformational, kind x: both rules fail every test.
    expect(suggestRoute(policy, item({ size: 1, kind: 'x' }))).toEqual({ route: 'a', basis: 'first-route' });
    // kind unknown: to-b is half way there.
    expect(suggestRoute(policy, item({ size: 1 }))).toEqual({ route: 'b', rule: 'to-b', basis: 'closest', score: 0.5 });
  });

  it('counts a test under "not" as going the rule\'s way when it fails', () => {
    expect(closeness({ test: 'not', result: true, children: [{ test: 'flag = true', result: false }] })).toBe(1);
    expect(closeness({ test: 'all of', result: false, children: [{ test: 'a', result: true }, { test: 'not', result: false, children: [{ test: 'b', result: true }] }] })).toBe(0.5);
    expect(closeness({ test: 'any of', result: null, children: [{ test: 'a', result: null }, { test: 'b', result: false }] })).toBe(0.25);
  });
});
