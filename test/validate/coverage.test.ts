/** Routing coverage: which rules can never fire and which routes can never be reached. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Condition, PrincipleSet, RuleSpec } from '../../src/core/types.js';
import { checkPrinciples } from '../../src/principles/load.js';
import { Budget } from '../../src/validate/coverage/budget.js';
import { analyseRouting } from '../../src/validate/coverage/routing.js';
import { repoPath } from '../helpers/run.js';

const ROUTES = ['union', 'council', 'ccg', 'individual', 'review'];

/** A small set whose routing rules are the given (id, route, condition) triples. */
function setWith(rules: Array<[string, string, Condition]>): PrincipleSet {
  return {
    version: 1,
    organisation: 'Test',
    routes: ROUTES.map((id) => ({ id, label: id })),
    fields: {
      lead: { type: 'enum', values: ['union', 'council', 'ccg'] },
      effort_weeks: { type: 'number', min: 0 },
      organisations: { type: 'list' },
      description: { type: 'text' },
      recurring: { type: 'boolean' },
    },
    principles: [{ id: 'p', title: 'P', weight: 1, criteria: [{ id: 'c', ask: '?', when: { field: 'lead', exists: true }, points: 1 }] }],
    transformation: { signals: [], thresholds: { transformational: 60, businessAsUsual: 40 } },
    routing: {
      rules: rules.map(([id, route, when]): RuleSpec => ({ id, route, when, reason: 'Because.' })),
      default: 'review',
    },
  };
}

/** The problems as `rule-id: subject`, with the line of rule i being 10 + i. */
function problems(rules: Array<[string, string, Condition]>): string[] {
  const set = setWith(rules);
  return analyseRouting(set, (path) => 10 + Number(path[2] ?? 0)).map((p) => `${p.ruleId}: ${p.message}`);
}

/** Only the rule ids and the subject (the rule or route named first). */
function summary(rules: Array<[string, string, Condition]>): string[] {
  return problems(rules).map((text) => text.replace(/^(\S+): (?:rule|route) "([^"]+)".*$/, '$1 $2'));
}

// Every route is reached by some rule, so only the findings under test appear.
const REACH_ALL: Array<[string, string, Condition]> = [
  ['to-union', 'union', { field: 'lead', equals: 'union' }],
  ['to-individual', 'individual', { field: 'recurring', equals: false }],
];

describe('routing coverage', () => {
  it('finds nothing to say about the bundled principle set', () => {
    const check = checkPrinciples(readFileSync(repoPath('principles/union.yaml'), 'utf8'), 'union.yaml');
    expect(check.set && analyseRouting(check.set, () => 1)).toEqual([]);
  });

  it('names the earlier rule that always matches first, with its line and the fix', () => {
    expect(
      problems([
        ...REACH_ALL,
        ['modest', 'council', { field: 'effort_weeks', lte: 5 }],
        [
          'tiny',
          'ccg',
          {
            all: [
              { field: 'effort_weeks', lte: 1 },
              { field: 'lead', equals: 'ccg' },
            ],
          },
        ],
      ]),
    ).toEqual([
      'principles/unreachable-rule: rule "tiny" can never fire: whenever it matches, rule "modest" (line 12) matches first; move it above that rule, narrow that rule, or remove it',
      'principles/unreachable-route: route "ccg" can never be reached: the only rule sending work to it, rule "tiny" (line 13), can never fire; fix the rules, or remove the route',
    ]);
  });

  it('names every earlier rule when together they cover a later one', () => {
    expect(
      summary([
        ...REACH_ALL,
        ['council-led', 'council', { field: 'lead', equals: 'council' }],
        ['small', 'ccg', { field: 'effort_weeks', lte: 2 }],
        [
          'either',
          'ccg',
          {
            any: [
              { field: 'lead', equals: 'council' },
              { field: 'effort_weeks', lte: 1 },
            ],
          },
        ],
      ]),
    ).toEqual(['principles/unreachable-rule either']);
    expect(
      problems([
        ...REACH_ALL,
        ['council-led', 'council', { field: 'lead', equals: 'council' }],
        ['small', 'ccg', { field: 'effort_weeks', lte: 2 }],
        [
          'either',
          'ccg',
          {
            any: [
              { field: 'lead', equals: 'council' },
              { field: 'effort_weeks', lte: 1 },
            ],
          },
        ],
      ])[0],
    ).toContain('rules "council-led" (line 12) and "small" (line 13) match first');
  });

  it('calls a rule redundant when what covers it sends work to the same route', () => {
    expect(
      problems([
        ...REACH_ALL,
        ['council-led', 'council', { field: 'lead', equals: 'council' }],
        [
          'council-small',
          'council',
          {
            all: [
              { field: 'lead', equals: 'council' },
              { field: 'effort_weeks', lte: 2 },
            ],
          },
        ],
        ['ccg-led', 'ccg', { field: 'lead', equals: 'ccg' }],
      ]),
    ).toEqual([
      'principles/unreachable-rule: rule "council-small" can never fire: whenever it matches, rule "council-led" (line 12) matches first; it sends work to the same route, so it is redundant: remove it',
    ]);
  });

  it('treats the same condition written two ways as a duplicate', () => {
    expect(
      summary([...REACH_ALL, ['council-led', 'council', { field: 'lead', equals: 'Council' }], ['also-council', 'ccg', { field: 'lead', in: ['council'] }]]),
    ).toEqual(['principles/duplicate-condition also-council', 'principles/unreachable-route ccg']);
  });

  it('reasons about ranges, negation, enum values, lists, keywords and counts', () => {
    const covered = (earlier: Condition, later: Condition): string[] =>
      summary([...REACH_ALL, ['earlier', 'council', earlier], ['later', 'ccg', later], ['to-ccg', 'ccg', { field: 'title', mentions: ['ccg'] }]]);
    const shadowed = ['principles/unreachable-rule later'];
    expect(covered({ not: { field: 'effort_weeks', gte: 5 } }, { field: 'effort_weeks', lte: 2 })).toEqual(shadowed);
    expect(covered({ not: { field: 'lead', equals: 'council' } }, { field: 'lead', equals: 'ccg' })).toEqual(shadowed);
    expect(covered({ field: 'lead', exists: true }, { field: 'lead', equals: 'council' })).toEqual(shadowed);
    expect(covered({ field: 'effort_weeks', gte: 0 }, { field: 'effort_weeks', lte: 2 })).toEqual(shadowed);
    expect(covered({ field: 'organisations', includesAny: ['council', 'ccg'] }, { field: 'organisations', includes: ['council'] })).toEqual(shadowed);
    expect(covered({ field: 'description', mentions: ['pilot', 'prototype'] }, { field: 'description', mentions: ['Pilot'] })).toEqual(shadowed);
    expect(covered({ field: 'organisations', count: { lte: 2 } }, { field: 'organisations', count: { lte: 1 } })).toEqual(shadowed);
  });

  it('never calls a rule unreachable when an item could reach it', () => {
    const clear = (earlier: Condition, later: Condition): string[] => summary([...REACH_ALL, ['earlier', 'council', earlier], ['later', 'ccg', later]]);
    expect(clear({ field: 'effort_weeks', lte: 2 }, { field: 'effort_weeks', lte: 3 })).toEqual([]);
    expect(clear({ field: 'effort_weeks', lt: 2 }, { field: 'effort_weeks', lte: 2 })).toEqual([]);
    // Unknown is neither: an item with no effort meets neither "not known" nor "<= 2" alone.
    expect(clear({ not: { field: 'effort_weeks', exists: true } }, { field: 'effort_weeks', lte: 2 })).toEqual([]);
    expect(clear({ not: { field: 'effort_weeks', lte: 2 } }, { field: 'effort_weeks', exists: true })).toEqual([]);
    expect(clear({ field: 'organisations', includes: ['council', 'ccg'] }, { field: 'organisations', includesAny: ['council'] })).toEqual([]);
    expect(clear({ field: 'description', mentions: ['pilot'] }, { field: 'description', mentions: ['pilot', 'trial'] })).toEqual([]);
  });

  it('is sound rather than complete: a case split across one rule is not seen, so nothing is said', () => {
    expect(
      summary([
        ...REACH_ALL,
        [
          'yes-or-no',
          'council',
          {
            any: [
              { field: 'recurring', equals: true },
              { field: 'recurring', equals: false },
            ],
          },
        ],
        ['known', 'ccg', { field: 'recurring', exists: true }],
      ]),
    ).toEqual([]);
  });

  it('reports a rule no item can meet, and a catch-all that leaves later rules and the default unreachable', () => {
    expect(
      summary([
        ...REACH_ALL,
        [
          'impossible',
          'council',
          {
            all: [
              { field: 'lead', equals: 'council' },
              { field: 'lead', equals: 'ccg' },
            ],
          },
        ],
        ['to-ccg', 'ccg', { field: 'lead', equals: 'ccg' }],
      ]),
    ).toEqual(['principles/never-matches impossible', 'principles/unreachable-route council']);
    expect(
      summary([
        ['everything', 'union', { field: 'alignment', gte: 0 }],
        ['to-council', 'council', { field: 'lead', equals: 'council' }],
      ]),
    ).toEqual([
      'principles/unreachable-rule to-council',
      'principles/unreachable-route council',
      'principles/unreachable-route ccg',
      'principles/unreachable-route individual',
      'principles/unreachable-route review',
    ]);
  });

  it('says why the default route cannot be reached', () => {
    const all = problems([['everything', 'union', { field: 'classification', in: ['transformational', 'borderline', 'business-as-usual'] }]]);
    const review = all.find((p) => p.includes('route "review"'));
    expect(review).toBe(
      'principles/unreachable-route: route "review" can never be reached: it is the default, but the rules before it place every item first; fix the rules, or remove the route',
    );
  });

  it('leaves conditions too big to expand alone instead of guessing', () => {
    const wide: Condition = {
      all: Array.from({ length: 10 }, (_, i) => ({
        any: [
          { field: 'effort_weeks', gte: i },
          { field: 'lead', equals: 'ccg' },
        ],
      })),
    };
    expect(summary([...REACH_ALL, ['wide', 'council', wide], ['same', 'ccg', wide]])).toEqual([]);
  });
});

describe('routing coverage within a budget of steps', () => {
  const RULES: Array<[string, string, Condition]> = [
    ...REACH_ALL,
    ['council-led', 'council', { field: 'lead', equals: 'council' }],
    [
      'council-small',
      'council',
      {
        all: [
          { field: 'lead', equals: 'council' },
          { field: 'effort_weeks', lte: 2 },
        ],
      },
    ],
    [
      'ccg-small',
      'ccg',
      {
        all: [
          { field: 'lead', equals: 'ccg' },
          { field: 'effort_weeks', lte: 2 },
        ],
      },
    ],
    [
      'ccg-led',
      'ccg',
      {
        all: [
          { field: 'lead', equals: 'ccg' },
          { field: 'effort_weeks', lte: 1 },
        ],
      },
    ],
  ];
  const analyse = (limit: number): { budget: Budget; said: string[] } => {
    const budget = new Budget(limit);
    const said = analyseRouting(setWith(RULES), (path) => 10 + Number(path[2] ?? 0), budget).map((p) => `${p.ruleId} at ${p.path.join('.')}: ${p.message}`);
    return { budget, said };
  };
  /** The steps the whole analysis takes, and the steps taken once rule `index` has been checked. */
  const full = analyse(Number.MAX_SAFE_INTEGER);
  const stepsThrough = (index: number): number => {
    const budget = new Budget(Number.MAX_SAFE_INTEGER);
    analyseRouting(setWith(RULES.slice(0, index + 1)), () => 1, budget);
    return budget.spent;
  };

  it('takes the same steps every time, and says nothing extra when they suffice', () => {
    expect(analyse(Number.MAX_SAFE_INTEGER).budget.spent).toBe(full.budget.spent);
    expect(full.said).toEqual([
      'principles/unreachable-rule at routing.rules.3.id: rule "council-small" can never fire: whenever it matches, rule "council-led" (line 12) matches first; it sends work to the same route, so it is redundant: remove it',
      'principles/unreachable-rule at routing.rules.5.id: rule "ccg-led" can never fire: whenever it matches, rule "ccg-small" (line 14) matches first; it sends work to the same route, so it is redundant: remove it',
    ]);
    expect(analyse(full.budget.spent).said).toEqual(full.said);
  });

  it('stops at the rule being checked when the steps run out, and takes the rest to be able to fire', () => {
    // Enough for the first four rules, not the fifth: council-small is still found.
    const { budget, said } = analyse(stepsThrough(3) + 1);
    expect(budget.spent).toBeGreaterThan(budget.limit);
    expect(said).toEqual([
      'principles/unreachable-rule at routing.rules.3.id: rule "council-small" can never fire: whenever it matches, rule "council-led" (line 12) matches first; it sends work to the same route, so it is redundant: remove it',
      `principles/coverage-incomplete at routing.rules.4.id: routing coverage stopped at its limit of ${budget.limit.toLocaleString('en-GB')} steps: rules "ccg-small" (line 14) to "ccg-led" (line 15) were not checked, so a rule there that can never fire would go unreported; to have them checked, give conditions fewer alternatives (each any inside an all multiplies them)`,
    ]);
  });

  it('names one rule, or only the default, when that is all that was left', () => {
    expect(analyse(stepsThrough(4) + 1).said.at(-1)).toMatch(
      /^principles\/coverage-incomplete at routing\.rules\.5\.id: routing coverage stopped at its limit of [\d,]+ steps: rule "ccg-led" \(line 15\) was not checked, so /,
    );
    // The last steps of all decide whether the default is reached: stopped there, every rule has been checked.
    const { said } = analyse(full.budget.spent - 1);
    expect(said.slice(0, 2)).toEqual(full.said);
    expect(said[2]).toMatch(
      /^principles\/coverage-incomplete at routing\.default: routing coverage stopped at its limit of [\d,]+ steps: whether the default route can be reached was not checked, so /,
    );
    expect(said).toHaveLength(3);
  });

  it('never calls a route unreachable because the rules sending work to it were not checked', () => {
    const rules: Array<[string, string, Condition]> = [
      ['everything', 'union', { field: 'alignment', gte: 0 }],
      ['to-council', 'council', { field: 'lead', equals: 'council' }],
    ];
    const budget = new Budget(1);
    const said = analyseRouting(setWith(rules), () => 1, budget).map((p) => `${p.ruleId} ${p.path.join('.')}`);
    // Checked in full, to-council is shadowed, and council (routes.1) and the default review
    // (routes.4) unreachable; unchecked, neither is said. No rule at all names ccg or individual.
    expect(said).toEqual([
      'principles/coverage-incomplete routing.rules.0.id',
      'principles/unreachable-route routes.2.id',
      'principles/unreachable-route routes.3.id',
    ]);
    expect(analyseRouting(setWith(rules), () => 1).map((p) => `${p.ruleId} ${p.path.join('.')}`)).toEqual([
      'principles/unreachable-rule routing.rules.1.id',
      'principles/unreachable-route routes.1.id',
      'principles/unreachable-route routes.2.id',
      'principles/unreachable-route routes.3.id',
      'principles/unreachable-route routes.4.id',
    ]);
  });
});
