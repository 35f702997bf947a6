import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/core/compile.js';
import { assessWithDecision, fingerprintItem, isExpired } from '../../src/core/decisions.js';
import { item, minimalSet } from '../helpers/policy.js';

const policy = compilePolicy(minimalSet());

describe('fingerprintItem', () => {
  it('is stable across field order and list order, and changes with any value', () => {
    const a = item({ size: 3, tags: ['red', 'blue'] });
    const b = { ...a, values: { tags: ['blue', 'red'], size: 3, id: 'I-1', title: 'Item I-1' } };
    expect(fingerprintItem(a)).toBe(fingerprintItem(b));
    expect(fingerprintItem(a)).toMatch(/^v1:[0-9a-f]{14}$/);
    expect(fingerprintItem(item({ size: 4, tags: ['red', 'blue'] }))).not.toBe(fingerprintItem(a));
  });
});

describe('assessWithDecision', () => {
  const it1 = item({ size: 1 });

  it('overrides the route and keeps the recommendation visible', () => {
    const a = assessWithDecision(policy, it1, { id: 'I-1', route: 'b', rationale: 'Team B has capacity', by: 'Jo' }, '2026-11-29');
    expect(a).toMatchObject({
      route: 'b',
      routeLabel: 'Route B',
      rule: 'decision',
      reason: 'Decided by Jo: Team B has capacity',
      overridden: true,
      recommended: { route: 'review', routeLabel: 'Needs review', rule: 'default' },
      decision: { route: 'b', rationale: 'Team B has capacity', by: 'Jo', stale: false },
    });
  });

  it('flags a decision stale when the item changed since, but still applies it', () => {
    const decided = { id: 'I-1', route: 'b', fingerprint: fingerprintItem(item({ size: 2 })) };
    const a = assessWithDecision(policy, it1, decided, '2026-11-29');
    expect([a.route, a.decision?.stale]).toEqual(['b', true]);
    const same = assessWithDecision(policy, it1, { ...decided, fingerprint: fingerprintItem(it1) }, '2026-11-29');
    expect(same.decision?.stale).toBe(false);
  });

  it('ignores an expired decision', () => {
    const decision = { id: 'I-1', route: 'b', expires: '2026-11-28' };
    expect(isExpired(decision, '2026-11-29')).toBe(true);
    const a = assessWithDecision(policy, it1, decision, '2026-11-29');
    expect([a.route, a.overridden]).toEqual(['review', false]);
    expect(assessWithDecision(policy, it1, { ...decision, expires: '2026-11-29' }, '2026-11-29').overridden).toBe(true);
  });

  it('re-assesses with the answers a person gave before applying the route', () => {
    const a = assessWithDecision(policy, item({ size: 5 }), { id: 'I-1', route: 'a', answers: { tagged: true } }, '2026-11-29');
    expect(a.alignment).toBe(56);
    expect(a.principles[0]?.criteria[1]).toEqual({ id: 'tagged', met: true, points: 3, answered: true });
  });
});
