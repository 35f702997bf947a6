import { describe, expect, it } from 'vitest';
import { EvalContext, compileCondition, tokenize } from '../../src/core/conditions.js';
import type { Condition, FieldValue } from '../../src/core/types.js';

function evaluate(condition: Condition, values: Record<string, FieldValue>, computed: Record<string, FieldValue> = {}) {
  return compileCondition(condition).evaluate(new EvalContext(values, computed));
}

describe('leaf operators', () => {
  it('equals compares strings case-insensitively and numbers and booleans by value', () => {
    expect(evaluate({ field: 'lead', equals: 'council' }, { lead: 'Council' })).toBe(true);
    expect(evaluate({ field: 'lead', equals: 'council' }, { lead: 'ccg' })).toBe(false);
    expect(evaluate({ field: 'n', equals: 3 }, { n: 3 })).toBe(true);
    expect(evaluate({ field: 'n', equals: 3 }, { n: '3' })).toBe(false);
    expect(evaluate({ field: 'b', equals: true }, { b: true })).toBe(true);
    expect(evaluate({ field: 'b', equals: true }, { b: false })).toBe(false);
  });

  it('in is membership of a set of scalars', () => {
    expect(evaluate({ field: 'lead', in: ['council', 'ccg'] }, { lead: 'ccg' })).toBe(true);
    expect(evaluate({ field: 'lead', in: ['council', 'ccg'] }, { lead: 'union' })).toBe(false);
  });

  it('includes needs every value, includesAny needs one', () => {
    const orgs = { organisations: ['council', 'ccg', 'acute-trust'] };
    expect(evaluate({ field: 'organisations', includes: ['council', 'ccg'] }, orgs)).toBe(true);
    expect(evaluate({ field: 'organisations', includes: ['council', 'police'] }, orgs)).toBe(false);
    expect(evaluate({ field: 'organisations', includesAny: ['police', 'acute-trust'] }, orgs)).toBe(true);
    expect(evaluate({ field: 'organisations', includesAny: ['police'] }, orgs)).toBe(false);
    expect(evaluate({ field: 'organisations', includes: ['Council'] }, orgs)).toBe(true);
  });

  it('mentions matches whole words and phrases, case-insensitively', () => {
    const text = { d: 'A Shared-Care Record for the discharge pathway.' };
    expect(evaluate({ field: 'd', mentions: ['pathway'] }, text)).toBe(true);
    expect(evaluate({ field: 'd', mentions: ['path'] }, text)).toBe(false);
    expect(evaluate({ field: 'd', mentions: ['shared care record'] }, text)).toBe(true);
    expect(evaluate({ field: 'd', mentions: ['care shared'] }, text)).toBe(false);
    expect(evaluate({ field: 'd', mentions: ['record for the'] }, text)).toBe(true);
    expect(evaluate({ field: 'd', mentions: ['DISCHARGE'] }, text)).toBe(true);
  });

  it('mentions treats regex metacharacters in keywords as plain text', () => {
    expect(evaluate({ field: 'd', mentions: ['a.*b', '(x+)+$'] }, { d: 'aXb xx' })).toBe(false);
    expect(evaluate({ field: 'd', mentions: ['c++'] }, { d: 'we use c today' })).toBe(true);
  });

  it('comparisons on numbers', () => {
    expect(evaluate({ field: 'n', gt: 2 }, { n: 3 })).toBe(true);
    expect(evaluate({ field: 'n', gt: 3 }, { n: 3 })).toBe(false);
    expect(evaluate({ field: 'n', gte: 3 }, { n: 3 })).toBe(true);
    expect(evaluate({ field: 'n', lt: 3 }, { n: 3 })).toBe(false);
    expect(evaluate({ field: 'n', lte: 3 }, { n: 3 })).toBe(true);
  });

  it('count compares the length of a list', () => {
    expect(evaluate({ field: 'orgs', count: { lte: 1 } }, { orgs: ['council'] })).toBe(true);
    expect(evaluate({ field: 'orgs', count: { lte: 1 } }, { orgs: ['council', 'ccg'] })).toBe(false);
    expect(evaluate({ field: 'orgs', count: { equals: 2 } }, { orgs: ['council', 'ccg'] })).toBe(true);
  });

  it('exists is the only test that is never unknown', () => {
    expect(evaluate({ field: 'owner', exists: true }, {})).toBe(false);
    expect(evaluate({ field: 'owner', exists: false }, {})).toBe(true);
    expect(evaluate({ field: 'owner', exists: true }, { owner: 'Sam' })).toBe(true);
  });

  it('a missing value makes every other test unknown (null), not false', () => {
    expect(evaluate({ field: 'n', gte: 3 }, {})).toBe(null);
    expect(evaluate({ field: 'lead', equals: 'council' }, {})).toBe(null);
    expect(evaluate({ field: 'd', mentions: ['x'] }, {})).toBe(null);
    expect(evaluate({ field: 'orgs', includes: ['x'] }, {})).toBe(null);
  });

  it('computed fields are read from the computed values', () => {
    expect(evaluate({ field: 'alignment', gte: 50 }, { alignment: 90 }, { alignment: 10 })).toBe(false);
    expect(evaluate({ field: 'classification', equals: 'borderline' }, {}, { classification: 'borderline' })).toBe(true);
  });
});

describe('three-valued combinators', () => {
  const T = { field: 'n', gte: 0 } as const;
  const F = { field: 'n', lt: 0 } as const;
  const U = { field: 'missing', gte: 0 } as const;
  const values = { n: 1 };

  it('all: false wins over unknown, unknown over true', () => {
    expect(evaluate({ all: [T, T] }, values)).toBe(true);
    expect(evaluate({ all: [T, U] }, values)).toBe(null);
    expect(evaluate({ all: [U, F] }, values)).toBe(false);
  });

  it('any: true wins over unknown, unknown over false', () => {
    expect(evaluate({ any: [F, F] }, values)).toBe(false);
    expect(evaluate({ any: [F, U] }, values)).toBe(null);
    expect(evaluate({ any: [U, T] }, values)).toBe(true);
  });

  it('not flips true and false and keeps unknown', () => {
    expect(evaluate({ not: T }, values)).toBe(false);
    expect(evaluate({ not: F }, values)).toBe(true);
    expect(evaluate({ not: U }, values)).toBe(null);
  });
});

describe('traces', () => {
  it('say each test in words with the value seen', () => {
    const condition = compileCondition({
      all: [
        { field: 'effort_weeks', lte: 2 },
        { field: 'description', mentions: ['repair', 'renewal', 'annual', 'upkeep', 'licence'] },
      ],
    });
    const trace = condition.trace(new EvalContext({ effort_weeks: 1, description: 'Annual licence renewal' }));
    expect(trace).toEqual({
      test: 'all of',
      result: true,
      children: [
        { test: 'effort_weeks <= 2', result: true, actual: '1' },
        {
          test: 'description mentions "repair", "renewal", "annual", "upkeep" or 1 more',
          result: true,
          actual: 'found "renewal", "annual", "licence"',
        },
      ],
    });
  });

  it('report unknown values as unknown', () => {
    const trace = compileCondition({ field: 'lead', equals: 'council' }).trace(new EvalContext({}));
    expect(trace).toEqual({ test: 'lead = council', result: null, actual: 'unknown' });
  });
});

describe('tokenize', () => {
  it('splits on anything but letters and digits, lower-cased', () => {
    expect(tokenize("Carers' co-design, 24/7 Café!")).toEqual(['carers', 'co', 'design', '24', '7', 'café']);
  });
});
