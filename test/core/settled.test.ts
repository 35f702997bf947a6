/**
 * How settled a result is: the ranges the scores could take once the unknown facts are
 * known, whether the route could still change (`firm`), and which missing facts to chase.
 * Checked on example items, and by filling unknown facts at random: no filling may leave the
 * ranges, and an item said to be firm keeps its route whatever the facts turn out to be.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import type { Condition, FieldValue, WorkItem } from '../../src/core/types.js';
import { unionPolicy } from '../helpers/policy.js';
import { exampleItems } from '../interactive/fake-prompter.js';

const policy = unionPolicy();

async function example(id: string): Promise<WorkItem> {
  const all = [...(await exampleItems(policy)), ...(await exampleItems(policy, 'examples/backlog.yaml'))];
  const found = all.find((i) => i.id === id);
  if (!found) throw new Error(id);
  return found;
}

function without(item: WorkItem, ...fields: string[]): WorkItem {
  const values = { ...item.values };
  for (const field of fields) delete values[field];
  return { ...item, values };
}

describe('settled or not, on example items', () => {
  it('WI-15 (nothing known but its tags) is not firm: chase its lead; alignment could be 9-64', async () => {
    const a = assess(policy, await example('WI-15'));
    expect(a).toMatchObject({
      route: 'review',
      firm: false,
      missingFacts: ['lead'],
      alignmentRange: [9, 64],
      transformationRange: [0, 75],
      alignment: 9,
      transformation: 0,
    });
    // The lead alone decides it: each value sends it elsewhere.
    expect(assess(policy, { ...(await example('WI-15')), values: { ...(await example('WI-15')).values, lead: 'council' } }).route).toBe('council');
  });

  it('an item whose unknown facts cannot change the route is firm, though its score could move', async () => {
    // WI-12: evidence and owner unknown; with both, alignment 42 is still short of 50.
    const wi12 = assess(policy, await example('WI-12'));
    expect(wi12).toMatchObject({ route: 'review', firm: true, alignment: 18, alignmentRange: [18, 42], transformationRange: [85, 85] });
    expect(wi12.missingFacts).toBeUndefined();
    // WI-05: no evidence known, but the CCG leads recurring maintenance whatever the evidence.
    expect(assess(policy, await example('WI-05'))).toMatchObject({ route: 'ccg', firm: true, alignmentRange: [0, 24] });
  });

  it('a known item is firm with ranges of one value', async () => {
    const wi01 = assess(policy, { ...(await example('WI-01')), values: { ...(await example('WI-01')).values, owner: 'Asha' } });
    expect(wi01).toMatchObject({
      firm: true,
      alignmentRange: [wi01.alignment, wi01.alignment],
      transformationRange: [wi01.transformation, wi01.transformation],
    });
  });

  it('names the facts that could each change the route, or all it rests on when none could alone', async () => {
    // WI-06 without its organisations: two or more would make it the council's, not one person's.
    expect(assess(policy, without(await example('WI-06'), 'organisations'))).toMatchObject({ route: 'council', firm: false, missingFacts: ['organisations'] });
    // WI-12 without citizen impact: no one of impact, evidence and owner reaches 50 alone; together they could.
    const wi12 = assess(policy, without(await example('WI-12'), 'citizen_impact'));
    expect(wi12).toMatchObject({ route: 'review', firm: false, missingFacts: ['citizen_impact', 'evidence', 'owner'], alignmentRange: [18, 59] });
  });
});

/** Every keyword the bundled set's conditions mention, so random texts can meet them. */
function mentioned(condition: Condition | undefined, into: Set<string>): Set<string> {
  if (!condition || typeof condition !== 'object') return into;
  const c = condition as unknown as Record<string, unknown>;
  if (Array.isArray(c['mentions'])) for (const word of c['mentions'] as string[]) into.add(word);
  for (const key of ['all', 'any']) if (Array.isArray(c[key])) for (const part of c[key] as Condition[]) mentioned(part, into);
  if (c['not']) mentioned(c['not'] as Condition, into);
  return into;
}

const KEYWORDS = (() => {
  const words = new Set<string>();
  for (const principle of policy.set.principles) for (const criterion of principle.criteria) mentioned(criterion.when, words);
  for (const signal of policy.set.transformation.signals) mentioned(signal.when, words);
  return [...words];
})();

/** A valid known value for each field of the bundled set, near its tests' boundaries often. */
const VALUES: Record<string, fc.Arbitrary<Exclude<FieldValue, undefined>>> = {
  description: fc.array(fc.constantFrom(...KEYWORDS, 'plan', 'the service', 'estates'), { minLength: 1, maxLength: 5 }).map((words) => words.join(' ')),
  lead: fc.constantFrom('union', 'council', 'ccg'),
  organisations: fc.subarray(['council', 'ccg', 'acute-trust', 'voluntary-sector', 'police', 'parish'], { minLength: 1 }),
  effort_weeks: fc.oneof(fc.constantFrom(0, 0.5, 1, 2, 2.5, 11, 12, 52), fc.double({ min: 0, max: 200, noNaN: true })),
  cost_gbp: fc.oneof(fc.constantFrom(0, 99_999, 100_000, 2_000_000), fc.integer({ min: 0, max: 5_000_000 })),
  recurring: fc.boolean(),
  citizen_impact: fc.integer({ min: 1, max: 5 }),
  evidence: fc.subarray(['quantitative', 'qualitative'], { minLength: 1 }),
  tags: fc.subarray(['it', 'estates', 'carers'], { minLength: 1 }),
  owner: fc.constantFrom('Asha Patel', 'Sam Reid'),
};
const FIELDS = Object.keys(VALUES);

it('fills every field the bundled set declares but id and title', () => {
  expect([...FIELDS].sort()).toEqual([...policy.fields.keys()].filter((f) => f !== 'id' && f !== 'title').sort());
});

/** An item with each field known (a random value) or unknown, and a full set of values to fill the unknown ones with. */
const itemAndFilling = fc.tuple(
  fc.record(Object.fromEntries(FIELDS.map((f) => [f, fc.option(VALUES[f] as fc.Arbitrary<Exclude<FieldValue, undefined>>, { nil: undefined, freq: 2 })]))),
  fc.record(Object.fromEntries(FIELDS.map((f) => [f, VALUES[f] as fc.Arbitrary<Exclude<FieldValue, undefined>>]))),
);

function asItem(values: Record<string, FieldValue>): WorkItem {
  const known = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return { id: 'P-1', title: 'Random', values: { id: 'P-1', title: 'Random', ...known }, extra: {} };
}

describe('settled, whatever the missing facts turn out to be', () => {
  it('no filling of the unknown facts leaves the ranges, and a firm item keeps its route', () => {
    let firm = 0;
    let open = 0;
    fc.assert(
      fc.property(itemAndFilling, ([partial, filling]) => {
        const before = assess(policy, asItem(partial));
        const filled = asItem(Object.fromEntries(FIELDS.map((f) => [f, partial[f] ?? filling[f]])));
        const after = assess(policy, filled);
        expect(after.alignment).toBeGreaterThanOrEqual(before.alignmentRange[0]);
        expect(after.alignment).toBeLessThanOrEqual(before.alignmentRange[1]);
        expect(after.transformation).toBeGreaterThanOrEqual(before.transformationRange[0]);
        expect(after.transformation).toBeLessThanOrEqual(before.transformationRange[1]);
        expect(before.alignmentRange[0]).toBeLessThanOrEqual(before.alignment);
        expect(before.alignment).toBeLessThanOrEqual(before.alignmentRange[1]);
        if (before.firm) {
          firm++;
          expect(after.route).toBe(before.route);
          expect(before.missingFacts).toBeUndefined();
        } else {
          open++;
          // The facts to chase are among those not known.
          for (const field of before.missingFacts ?? []) expect(partial[field]).toBeUndefined();
          expect((before.missingFacts ?? []).length).toBeGreaterThan(0);
        }
        // Everything known: nothing left to move.
        expect(after).toMatchObject({
          firm: true,
          alignmentRange: [after.alignment, after.alignment],
          transformationRange: [after.transformation, after.transformation],
        });
      }),
      { numRuns: 400, seed: 11 },
    );
    // Both kinds were tried, so neither half of the property was vacuous.
    expect(firm).toBeGreaterThan(40);
    expect(open).toBeGreaterThan(40);
  });

  it('a fact named to chase can, alone, change the route: some value of it does', () => {
    fc.assert(
      fc.property(itemAndFilling, ([partial]) => {
        const before = assess(policy, asItem(partial));
        const facts = before.missingFacts ?? [];
        // Only where each fact could change the route on its own (otherwise all are named).
        const alone = facts.filter((field) => samples(field).some((value) => assess(policy, asItem({ ...partial, [field]: value })).route !== before.route));
        if (alone.length > 0) expect(alone).toEqual(facts);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});

/** Values of a field worth trying: every value its tests tell apart, for the bundled set. */
function samples(field: string): Array<Exclude<FieldValue, undefined>> {
  switch (field) {
    case 'lead':
      return ['union', 'council', 'ccg'];
    case 'recurring':
      return [true, false];
    case 'citizen_impact':
      return [1, 2, 3, 4, 5];
    case 'effort_weeks':
      return [0, 2, 3, 12];
    case 'cost_gbp':
      return [0, 100_000];
    case 'organisations':
      return [['council'], ['ccg'], ['acute-trust'], ['council', 'ccg'], ['council', 'ccg', 'acute-trust'], ['council', 'acute-trust']];
    case 'evidence':
      return [['quantitative'], ['qualitative'], ['quantitative', 'qualitative']];
    case 'owner':
      return ['Asha Patel'];
    case 'tags':
      return [['it']];
    default:
      // description: each keyword alone, and all of them together.
      return [...KEYWORDS, KEYWORDS.join(' ')];
  }
}
