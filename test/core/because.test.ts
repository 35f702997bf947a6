/** The reason up front: one line that says where an item goes and the facts that decided it. */
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { becauseOf, changeText, counterfactualText } from '../../src/core/because.js';
import { compilePolicy } from '../../src/core/compile.js';
import type { Counterfactual, WorkItem } from '../../src/core/types.js';
import { item, minimalSet, unionPolicy } from '../helpers/policy.js';
import { exampleItems } from '../interactive/fake-prompter.js';

const policy = unionPolicy();

/** Every example item, CSV then YAML. */
async function examples(): Promise<WorkItem[]> {
  return [...(await exampleItems(policy)), ...(await exampleItems(policy, 'examples/backlog.yaml'))];
}

const HEADLINES: Array<[string, string]> = [
  ['WI-01', 'The Union: transformational (100: spans organisations +30, new way of working +25) and alignment 69 is at least 50'],
  ['WI-02', 'The Union: transformational (100: spans organisations +30, new way of working +25) and alignment 79 is at least 50'],
  ['WI-03', 'The Union: transformational (65: spans organisations +30, high impact +15) and alignment 54 is at least 50'],
  ['WI-04', 'Council: business as usual (0: recurring −40, keeps things running −25); lead is council'],
  ['WI-05', 'CCG: business as usual (0: recurring −40, keeps things running −25); lead is ccg'],
  [
    'WI-06',
    'Individual: business as usual (0: small piece of work −15); effort_weeks 1 is at most 2, organisations has 1 entry (at most 1) and recurring is false',
  ],
  ['WI-07', 'The Union: transformational (75: spans organisations +30, new way of working +25) and alignment 54 is at least 50'],
  ['WI-08', 'The Union: transformational (75: spans organisations +30, high impact +15) and alignment 75 is at least 50'],
  ['WI-09', 'The Union: transformational (90: spans organisations +30, new way of working +25) and alignment 51 is at least 50'],
  ['WI-10', 'CCG: business as usual (0: recurring −40, keeps things running −25); lead is ccg'],
  ['WI-11', 'Council: business as usual (no signal of change); lead is council'],
  ['WI-12', 'Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 18 is below 50'],
  ['WI-13', 'Needs review: borderline (45: spans organisations +30, high impact +15)'],
  ['WI-14', 'Needs review: borderline (signals pull both ways, +60 and −40: new way of working +25, high impact +15, recurring −40)'],
  [
    'WI-15',
    'Needs review: business as usual so far (no signal of change known); no rule could place it: effort_weeks, organisations, recurring and lead are unknown',
  ],
  ['WI-16', 'CCG: business as usual (0: recurring −40, small piece of work −15); lead is ccg'],
  ['WI-17', 'Council: business as usual (0: recurring −40, keeps things running −25); lead is council'],
  [
    'WI-18',
    'Individual: business as usual (0: small piece of work −15); effort_weeks 1 is at most 2, organisations has 1 entry (at most 1) and recurring is false',
  ],
  ['WI-19', 'Council: business as usual (0: recurring −40, keeps things running −25); lead is council'],
  ['WI-20', 'CCG: business as usual (15: recurring −40); lead is ccg'],
  [
    'WI-21',
    'Individual: business as usual (0: small piece of work −15); effort_weeks 0.5 is at most 2, organisations has 1 entry (at most 1) and recurring is false',
  ],
  ['WI-22', 'The Union: transformational (100: spans organisations +30, new way of working +25) and alignment 65 is at least 50'],
  ['WI-31', 'The Union: transformational (100: spans organisations +30, new way of working +25) and alignment 66 is at least 50'],
  ['WI-32', 'The Union: transformational (70: spans organisations +30, new way of working +25) and alignment 51 is at least 50'],
  ['WI-33', 'The Union: transformational (100: spans organisations +30, new way of working +25) and alignment 63 is at least 50'],
  ['WI-34', 'Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 9 is below 50'],
  ['WI-35', 'Needs review: borderline (55: spans organisations +30, high impact +15)'],
  ['WI-36', 'Needs review: borderline (signals pull both ways, +60 and −40: new way of working +25, high impact +15, recurring −40)'],
  ['WI-37', 'CCG: business as usual (0: recurring −40, keeps things running −25); lead is ccg'],
  ['WI-38', 'CCG: business as usual (0: recurring −40, keeps things running −25); lead is ccg'],
  ['WI-39', 'Council: business as usual (0: recurring −40, keeps things running −25); lead is council'],
  ['WI-40', 'Council: business as usual (no signal of change); lead is council'],
  [
    'WI-41',
    'Individual: business as usual (0: small piece of work −15); effort_weeks 0.5 is at most 2, organisations has 1 entry (at most 1) and recurring is false',
  ],
  [
    'WI-42',
    'Individual: business as usual (0: small piece of work −15); effort_weeks 1 is at most 2, organisations has 1 entry (at most 1) and recurring is false',
  ],
  ['WI-43', 'CCG: business as usual (15: recurring −40); lead is ccg'],
  [
    'WI-44',
    'Needs review: business as usual so far (no signal of change known); no rule could place it: effort_weeks, organisations, recurring and lead are unknown',
  ],
];

describe('becauseOf', () => {
  it('gives the exact headline for every example item', async () => {
    const items = await examples();
    expect(items).toHaveLength(36);
    expect(items.map((i) => [i.id, becauseOf(policy, i).text])).toEqual(HEADLINES);
  });

  it("names the rule that decided, and gives the line without the route's label", async () => {
    for (const i of await examples()) {
      const because = becauseOf(policy, i);
      const a = assess(policy, i);
      expect(because.rule).toBe(a.rule);
      expect(because.text).toBe(`${a.routeLabel}: ${because.why}`);
    }
  });

  it('reads the answers a person gave: WI-12 with quantitative evidence is still short of 50', async () => {
    const wi12 = (await examples()).find((i) => i.id === 'WI-12') as WorkItem;
    expect(becauseOf(policy, wi12, { 'quantitative-evidence': true }).text).toBe(
      'Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 28 is below 50',
    );
  });

  it('says "no rule matched" when every rule fails on known facts, and "so far" only where a missing fact could change the classification', () => {
    const small = compilePolicy(minimalSet());
    expect(becauseOf(small, item({ size: 1, kind: 'x', tags: ['blue'], notes: 'n', flag: false }))).toEqual({
      text: 'Needs review: business as usual (no signal of change); no rule matched',
      why: 'business as usual (no signal of change); no rule matched',
      rule: 'default',
    });
    // Tags unknown: a red tag would add 30, still short of borderline; the flag could only take away.
    expect(becauseOf(small, item({ size: 1, kind: 'x' })).text).toBe('Needs review: business as usual (no signal of change); no rule matched');
    // Size unknown: 10 or more would add 50, and the classification could change.
    expect(becauseOf(small, item({ kind: 'y' })).text).toBe('Route B: business as usual so far (no signal of change known); kind is y');
  });
});

describe('counterfactuals in words', () => {
  async function first(id: string, route: string): Promise<{ text: string; cf: Counterfactual }> {
    const found = (await examples()).find((i) => i.id === id) as WorkItem;
    const a = assess(policy, found, { counterfactuals: true });
    const cf = (a.counterfactuals ?? []).find((c) => c.route === route) as Counterfactual;
    return { text: counterfactualText(policy, cf, a), cf };
  }

  it('says each change as the item would read after it, then how the scores move', async () => {
    expect((await first('WI-12', 'union')).text).toBe(
      'The Union if description mentioned "data" and "self-care"; citizen_impact were 4 (alignment 18 → 51, transformation 85 → 100)',
    );
    expect((await first('WI-12', 'individual')).text).toBe(
      'Individual if organisations did not include council; effort_weeks were 2 (alignment 18 → 9, transformation 85 → 30)',
    );
    expect((await first('WI-06', 'council')).text).toBe('Council if organisations also included ccg (alignment 14 → 24, transformation 0 → 15)');
    expect((await first('WI-14', 'ccg')).text).toBe('CCG if effort_weeks were 11 (transformation 20 → 10)');
    expect((await first('WI-04', 'individual')).text).toBe('Individual if effort_weeks were 2; recurring were false');
  });

  it('names a fact that is not known as it would be', async () => {
    expect((await first('WI-15', 'council')).text).toBe('Council if lead were council');
    expect((await first('WI-15', 'individual')).text).toBe(
      'Individual if organisations were acute-trust; effort_weeks were 2; recurring were false (alignment 9 → 14)',
    );
  });

  it('words each kind of change', () => {
    expect(changeText({ field: 'evidence', from: null, to: ['quantitative', 'qualitative'] })).toBe('evidence were quantitative, qualitative');
    expect(changeText({ field: 'organisations', from: ['council'], to: ['council', 'ccg', 'acute-trust'] })).toBe(
      'organisations also included ccg and acute-trust',
    );
    expect(changeText({ field: 'organisations', from: ['council', 'ccg', 'police'], to: ['council'] })).toBe('organisations did not include ccg and police');
    expect(changeText({ field: 'organisations', from: ['council'], to: ['ccg'] })).toBe('organisations were ccg');
    expect(changeText({ field: 'description', from: 'A plan. ', to: 'A plan. data, pilot' })).toBe('description mentioned "data" and "pilot"');
    expect(changeText({ field: 'citizen_impact', from: 2, to: 4 })).toBe('citizen_impact were 4');
    expect(changeText({ field: 'recurring', from: null, to: false })).toBe('recurring were false');
    expect(changeText({ field: 'lead', from: 'union', to: 'council' })).toBe('lead were council');
  });
});
