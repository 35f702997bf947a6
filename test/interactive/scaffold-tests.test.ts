/** The tests file `triage init` writes: the example items, expecting what the new set does with them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/core/compile.js';
import { parseTestsFile } from '../../src/policy-tests/file.js';
import { runCase } from '../../src/policy-tests/run.js';
import { defaultPlan, scaffoldPrinciples, type InitPlan } from '../../src/interactive/scaffold.js';
import { scaffoldTests } from '../../src/interactive/scaffold-tests.js';
import { checkPrinciples } from '../../src/principles/load.js';
import { repoPath } from '../helpers/run.js';

const BASE_TEXT = readFileSync(repoPath('principles/union.yaml'), 'utf8');
const BASE = checkPrinciples(BASE_TEXT, 'union.yaml').set!;

function scaffolded(plan: InitPlan) {
  const set = checkPrinciples(scaffoldPrinciples(BASE_TEXT, BASE, plan), 'principles.yaml').set!;
  const policy = compilePolicy(set);
  const text = scaffoldTests(policy);
  return { policy, text, parsed: parseTestsFile(text, 'principles.tests.yaml', policy) };
}

describe('scaffoldTests', () => {
  it('writes one test per example item, each expectation on one line, and no YAML aliases', () => {
    const { text, parsed } = scaffolded(defaultPlan(BASE));
    expect(parsed.findings).toEqual([]);
    expect(parsed.cases.map((c) => [c.name, c.expect])).toEqual([
      ['Hospital discharge pathway redesign goes to The Union', { route: 'union', rule: 'union-leads' }],
      ['Case management licence renewal goes to Council', { route: 'council', rule: 'council-owns' }],
      ['GP premises maintenance goes to CCG', { route: 'ccg', rule: 'ccg-owns' }],
      ['Fix the referral form goes to Individual', { route: 'individual', rule: 'individual-can-do' }],
      ['Explore a joint estates strategy goes to Needs review', { route: 'review', rule: 'default' }],
    ]);
    expect(text).toContain('\n    expect: { route: council, rule: council-owns }\n');
    expect(text).toContain('\n      organisations: [ council ]\n');
    expect(text).not.toMatch(/[&*]a\d/);
  });

  it('follows the set as answered: other labels and weights, a principle dropped, and every test passes', () => {
    const plan: InitPlan = {
      ...defaultPlan(BASE),
      organisation: 'Northshire',
      routeLabels: { ...defaultPlan(BASE).routeLabels, union: 'The Partnership' },
      principles: defaultPlan(BASE)
        .principles.filter((p) => p.id !== 'seamless-care')
        .map((p) => ({ ...p, weight: 1 })),
    };
    const { policy, parsed } = scaffolded(plan);
    expect(parsed.findings).toEqual([]);
    expect(parsed.cases[0]?.name).toBe('Hospital discharge pathway redesign goes to The Partnership');
    expect(parsed.cases.map((c) => runCase(policy, c).mismatches)).toEqual([[], [], [], [], []]);
  });
});
