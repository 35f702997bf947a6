/** Reading a tests file: cases with their places, and every problem at its line and column. */
import { describe, expect, it } from 'vitest';
import { parseTestsFile } from '../../src/policy-tests/file.js';
import { unionPolicy } from '../helpers/policy.js';

const policy = unionPolicy();

function problems(text: string) {
  return parseTestsFile(text, 't.yaml', policy).findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
}

describe('parseTestsFile', () => {
  it('reads a case: the item normalised by the set, id and title from the name, and where each expectation is', () => {
    const text = [
      'tests:',
      '  - name: small fix',
      '    item: { effort_weeks: "2", recurring: no, organisations: [Council] }',
      '    expect:',
      '      route: individual',
      '      alignment: { gte: 10, lt: 50 }',
      '      transformation: 0',
      '      firm: true',
      '',
    ].join('\n');
    const parsed = parseTestsFile(text, 't.yaml', policy);
    expect(parsed.findings).toEqual([]);
    expect(parsed.cases).toHaveLength(1);
    const [c] = parsed.cases;
    expect(c?.item.id).toBe('small fix');
    expect(c?.item.title).toBe('small fix');
    expect(c?.item.values).toEqual({ id: 'small fix', title: 'small fix', effort_weeks: 2, recurring: false, organisations: ['council'] });
    expect(c?.expect).toEqual({ route: 'individual', alignment: { gte: 10, lt: 50 }, transformation: { equals: 0 }, firm: true });
    expect(c?.at).toEqual({ line: 2, column: 11 });
    expect(c?.places).toEqual({
      route: { line: 5, column: 14 },
      alignment: { line: 6, column: 18 },
      transformation: { line: 7, column: 23 },
      firm: { line: 8, column: 13 },
    });
  });

  it('reports each problem where it is, and leaves out the cases that have one', () => {
    const text = [
      'tests:',
      '  - name: one',
      '    item: { effort_weeks: lots, colour: red }',
      '    expect: { route: nowhere, rule: no-such-rule, classification: big, firm: maybe }',
      '  - name: one',
      '    item: {}',
      '    expect: { route: review, alignment: { above: 3 }, transformation: { lt: x } }',
      '  - name: two',
      '    item: {}',
      '    expect: { classification: borderline }',
      '    extra: 1',
      '  - just text',
      '',
    ].join('\n');
    const parsed = parseTestsFile(text, 't.yaml', policy);
    expect(parsed.cases).toEqual([]);
    expect(problems(text)).toEqual([
      '3:27 item/invalid-value test "one": effort_weeks "lots" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown',
      '3:41 item/unknown-column test "one": "colour" is not a field of the principle set: declare it under fields, or remove it',
      '4:22 test/invalid test "one": route "nowhere" is not one of union, council, ccg, individual, review',
      '4:67 test/invalid test "one": classification "big" is not one of transformational, borderline, business-as-usual',
      '4:37 test/invalid test "one": rule "no-such-rule" is not one of union-leads, challenge-weak-alignment, individual-can-do, borderline-needs-decision, council-owns, ccg-owns, default',
      '4:78 test/invalid test "one": firm must be true or false',
      '7:43 test/invalid test "one": alignment: unknown bound "above": use equals, gt, gte, lt, lte',
      '7:77 test/invalid test "one": transformation: lt must be a number',
      '11:5 test/invalid unknown key "extra" in test 3: a test has name, item and expect',
      '10:13 test/invalid test "two": expect needs a route: one of union, council, ccg, individual, review',
      '12:5 test/invalid test 4 must be a mapping of name, item and expect',
    ]);
  });

  it('says what a tests file must hold', () => {
    expect(problems('- a list\n')).toEqual([
      '1:1 test/invalid a tests file must be a mapping with a "tests:" list of { name, item, expect }: see principles/union.tests.yaml',
    ]);
    expect(problems('cases: []\n')).toEqual([
      '1:1 test/invalid unknown key "cases" in a tests file: it holds only "tests:"',
      '1:1 test/invalid the tests file needs a "tests:" list of { name, item, expect }',
    ]);
    expect(problems('tests:\n  - name: a\n    item: {}\n    expect: { route: review }\n  - name: a\n    item: {}\n    expect: { route: review }\n')).toEqual([
      '5:11 test/invalid the test name "a" is used twice (first at line 2): give each test its own name',
    ]);
  });

  it('reports YAML problems with their own rules, and refuses aliases', () => {
    expect(problems('tests:\n  - name: a\n    item: &x {}\n    expect: *x\n')).toEqual([
      '4:13 yaml/alias YAML aliases (*x) are not accepted: write the value out in full',
    ]);
    expect(problems('tests: [\n')[0]).toMatch(/^2:1 yaml\/syntax /);
  });
});
