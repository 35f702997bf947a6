/**
 * The tests file `triage init` writes beside its principle set: one test per example item,
 * expecting the route and rule the new set gives it, so `triage test` passes at once and
 * fails when a later change to the set moves one of them. Pure: a policy in, YAML text out.
 */
import { Document, isMap, isSeq } from 'yaml';
import { assess } from '../core/assess.js';
import type { Policy } from '../core/compile.js';
import { createNormaliser } from '../items/normalise.js';
import { exampleBacklog } from './scaffold.js';

export function scaffoldTests(policy: Policy, setFile = 'principles.yaml'): string {
  const normaliser = createNormaliser(policy.fields);
  const { header, rows } = exampleBacklog();
  const tests = rows.map((cells, k) => {
    const values = Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']));
    const { item } = normaliser.normalise({ values, line: k + 2, locate: () => ({ line: k + 2, column: 1 }) }, 'backlog.csv');
    if (!item) throw new Error(`the example item ${cells[0] ?? ''} does not fit the scaffolded fields`);
    const a = assess(policy, item);
    return { name: `${item.title} goes to ${a.routeLabel}`, item: { ...item.values }, expect: { route: a.route, rule: a.rule } };
  });
  // Items share the lists the normaliser remembers: written out in full, never as YAML aliases.
  const doc = new Document({ tests }, { aliasDuplicateObjects: false });
  // Lists and each expectation on one line, as a reader scans them.
  const list = doc.get('tests', true);
  for (const test of isSeq(list) ? list.items : []) {
    if (!isMap(test)) continue;
    const fields = test.get('item', true);
    if (isMap(fields)) for (const pair of fields.items) if (isSeq(pair.value)) pair.value.flow = true;
    const expect = test.get('expect', true);
    if (isMap(expect)) expect.flow = true;
  }
  const comment = [
    `# Tests for ${setFile}: each example item of backlog.csv and where the set sends it now.`,
    '# `triage test` runs them (it finds this file beside the set); after a change to the set, a',
    '# test that fails names the rule that decided instead, and why. Add your own, and run',
    '# `triage test --coverage` to see which rules, criteria and signals they exercise.',
  ].join('\n');
  return `${comment}\n${doc.toString({ lineWidth: 0 })}`;
}
