/**
 * The example backlog is the policy's acceptance test: every item's route, with the reason
 * the bundled policy, as the docs describe it, says it must go there.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../src/core/assess.js';
import type { Assessment } from '../src/core/types.js';
import { createNormaliser } from '../src/items/normalise.js';
import { readItems } from '../src/items/read.js';
import { unionPolicy } from './helpers/policy.js';
import { repoPath } from './helpers/run.js';

const policy = unionPolicy();

async function assessFile(path: string): Promise<Map<string, Assessment>> {
  const results = new Map<string, Assessment>();
  const problems: unknown[] = [];
  for await (const item of readItems([repoPath(path)], {
    normaliser: createNormaliser(policy.fields),
    onProblem: (p) => problems.push(p),
  })) {
    results.set(item.id, assess(policy, item));
  }
  expect(problems).toEqual([]);
  return results;
}

const EXPECTED: Array<[id: string, route: string, rule: string, why: string]> = [
  ['WI-01', 'union', 'union-leads', 'a large cross-organisation redesign with strong evidence and high citizen impact'],
  ['WI-02', 'union', 'union-leads', 'shared care record spanning council, CCG and partners, well evidenced'],
  ['WI-03', 'union', 'union-leads', 'care-home market work done jointly with the CCG, big and evidenced'],
  ['WI-04', 'council', 'council-owns', 'recurring licence renewal led by the council is business as usual'],
  ['WI-05', 'ccg', 'ccg-owns', 'recurring estates maintenance led by the CCG is business as usual'],
  ['WI-06', 'individual', 'individual-can-do', 'a one-week, one-organisation, non-recurring fix'],
  ['WI-07', 'union', 'union-leads', 'new integrated dashboard across both bodies, aligned with insight-led decisions'],
  ['WI-08', 'union', 'union-leads', 'co-designed crisis pathway across many partners'],
  ['WI-09', 'union', 'union-leads', 'digital self-service front door across council and CCG'],
  ['WI-10', 'ccg', 'ccg-owns', 'annual audit: recurring, CCG-led'],
  ['WI-11', 'council', 'council-owns', 'no signal of change, four weeks, council-led'],
  ['WI-12', 'review', 'challenge-weak-alignment', 'transformational but with no evidence and low citizen impact'],
  ['WI-13', 'review', 'borderline-needs-decision', 'transformation between the thresholds'],
  ['WI-14', 'review', 'borderline-needs-decision', 'signals pull both ways: a redesign of a recurring service'],
  ['WI-15', 'review', 'default', 'nothing known about lead, effort or organisations: no rule can place it'],
  ['WI-16', 'ccg', 'ccg-owns', 'small but recurring, so not individual work'],
  ['WI-17', 'council', 'council-owns', 'annual statutory return: recurring, council-led'],
  ['WI-18', 'individual', 'individual-can-do', 'a one-week translation within the council'],
  ['WI-19', 'council', 'council-owns', 'annual training refresh: recurring, council-led'],
  ['WI-20', 'ccg', 'ccg-owns', 'spans both bodies but recurring allocation work: business as usual'],
  ['WI-21', 'individual', 'individual-can-do', 'half a week of admin within the CCG'],
  ['WI-22', 'union', 'union-leads', 'integrated neighbourhood teams prototype across four bodies'],
];

const EXPECTED_YAML: Array<[id: string, route: string, rule: string, why: string]> = [
  ['WI-31', 'union', 'union-leads', 'a co-designed cross-organisation redesign with strong evidence'],
  ['WI-32', 'union', 'union-leads', 'a new digital service for both bodies, prototyped with carers'],
  ['WI-33', 'union', 'union-leads', 'an integrated single point of access across four bodies'],
  ['WI-34', 'review', 'challenge-weak-alignment', 'transformational, but no evidence and low citizen impact'],
  ['WI-35', 'review', 'borderline-needs-decision', 'transformation between the thresholds'],
  ['WI-36', 'review', 'borderline-needs-decision', 'signals pull both ways: a pilot of a recurring service'],
  ['WI-37', 'ccg', 'ccg-owns', 'annual contract renewals: recurring, CCG-led'],
  ['WI-38', 'ccg', 'ccg-owns', 'a quarterly audit: recurring, CCG-led'],
  ['WI-39', 'council', 'council-owns', 'small but recurring, so not individual work'],
  ['WI-40', 'council', 'council-owns', 'no signal of change, six weeks, council-led'],
  ['WI-41', 'individual', 'individual-can-do', 'half a week, within the council, not recurring'],
  ['WI-42', 'individual', 'individual-can-do', 'a one-week admin change within the CCG'],
  ['WI-43', 'ccg', 'ccg-owns', 'spans both bodies but the same every winter: business as usual'],
  ['WI-44', 'review', 'default', 'nothing known about lead, effort or organisations: no rule can place it'],
];

describe.each([
  ['examples/backlog.csv', EXPECTED],
  ['examples/backlog.yaml', EXPECTED_YAML],
])('%s', (path, expected) => {
  it('holds realistic items that exercise every route', async () => {
    const results = await assessFile(path);
    expect(results.size).toBe(expected.length);
    expect(new Set([...results.values()].map((a) => a.route))).toEqual(new Set(['union', 'council', 'ccg', 'individual', 'review']));
  });

  it.each(expected)('%s goes to %s by rule %s: %s', async (id, route, rule) => {
    const a = (await assessFile(path)).get(id);
    expect([a?.route, a?.rule]).toEqual([route, rule]);
  });
});
