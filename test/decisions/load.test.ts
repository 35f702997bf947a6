import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/core/compile.js';
import { checkDecisions, checkDecisionsAgainstPolicy } from '../../src/decisions/load.js';
import { minimalSet } from '../helpers/policy.js';

function problems(text: string) {
  return checkDecisions(text, 'd.yaml').findings.map((f) => [f.ruleId, f.line, f.column, f.message]);
}

describe('checkDecisions', () => {
  it('reads the minimal form', () => {
    const check = checkDecisions('decisions:\n  - { id: WI-1, route: council, rationale: They own it }\n', 'd.yaml');
    expect(check.findings).toEqual([]);
    expect(check.decisions).toEqual([{ id: 'WI-1', route: 'council', rationale: 'They own it' }]);
    expect(check.positions.get('WI-1')).toEqual({ line: 2, column: 11 });
  });

  it('treats an empty file as no decisions', () => {
    expect(checkDecisions('', 'd.yaml').decisions).toEqual([]);
    expect(checkDecisions('decisions: []\n', 'd.yaml').decisions).toEqual([]);
  });

  it('reports bad shapes at their positions', () => {
    expect(problems('decisions:\n  - id: A\n    rout: x\n')).toEqual([
      ['decisions/schema', 3, 5, 'unknown key "rout" in decision 1: use id, route, rationale, recommended, by, at, answers, fingerprint, expires, commit'],
      ['decisions/schema', 2, 5, 'decision 1 needs "route" as text'],
    ]);
    expect(problems('decisions:\n  - { id: A, route: b, expires: 2027-01-01, answers: { q: maybe } }\n')).toEqual([
      ['decisions/schema', 2, 59, 'the answer to "q" must be true, false or null (don\'t know)'],
    ]);
    expect(problems('- just a list\n')).toEqual([['decisions/schema', 1, 1, 'a decisions file must be a mapping with a "decisions:" list']]);
  });

  it('names both places of a duplicate decision', () => {
    expect(problems('decisions:\n  - { id: A, route: b }\n  - { id: A, route: c }\n')).toEqual([
      ['decisions/duplicate-id', 3, 11, 'item "A" has two decisions (first at line 2, column 11): keep one'],
    ]);
  });

  it('refuses routes the principle set does not declare', () => {
    const check = checkDecisions('decisions:\n  - { id: A, route: nowhere }\n', 'd.yaml');
    const findings = checkDecisionsAgainstPolicy(check, compilePolicy(minimalSet()));
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.message])).toEqual([
      ['decisions/unknown-route', 2, 21, 'decision for "A" names route "nowhere", which the principle set does not declare: use one of a, b, review'],
    ]);
  });
});
