/**
 * A principle set's tests file: `tests:`, a list of cases, each an item and the route (and
 * more) the set should give it:
 *
 *   tests:
 *     - name: joint redesign goes to The Union
 *       item: { organisations: [council, ccg], citizen_impact: 5, ... }
 *       expect: { route: union, rule: union-leads, alignment: { gte: 50 } }
 *
 * Read with the safe YAML reader; every problem is a finding at the line and column of the
 * value at fault, and a case with a problem is left out of the run. No I/O.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Policy } from '../core/compile.js';
import { CLASSIFICATIONS, DEFAULT_RULE_ID } from '../core/domain.js';
import type { Classification, WorkItem } from '../core/types.js';
import type { Finding } from '../findings.js';
import type { RuleId } from '../rule-ids.js';
import { parseYaml, type YamlSource } from '../io/yaml.js';
import { createNormaliser } from '../items/normalise.js';

/** A bound on a score: any of these, all must hold (a plain number means `equals`). */
export interface ScoreBounds {
  equals?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export const BOUND_KEYS = ['equals', 'gt', 'gte', 'lt', 'lte'] as const;

/** What a case expects; `route` always, the rest when given. */
export interface Expectation {
  route: string;
  classification?: Classification;
  rule?: string;
  firm?: boolean;
  alignment?: ScoreBounds;
  transformation?: ScoreBounds;
}

export type ExpectKey = keyof Expectation;

export interface Place {
  line: number;
  column: number;
}

export interface TestCase {
  name: string;
  item: WorkItem;
  expect: Expectation;
  /** The case's `name`, and each expectation's value: where a failure is reported. */
  at: Place;
  places: Partial<Record<ExpectKey, Place>>;
}

export interface TestsFile {
  file: string;
  cases: TestCase[];
  /** Problems in the file; a case with one is not in `cases`. */
  findings: Finding[];
}

const CASE_KEYS: ReadonlySet<string> = new Set(['name', 'item', 'expect']);
const EXPECT_KEYS: readonly ExpectKey[] = ['route', 'classification', 'rule', 'firm', 'alignment', 'transformation'];

/** Read a tests file's text against the policy its cases test. */
export function parseTestsFile(text: string, file: string, policy: Policy): TestsFile {
  const source = parseYaml(text);
  const findings: Finding[] = source.problems.map((p) => ({ ...p, severity: 'error' as const, file }));
  if (findings.length > 0) return { file, cases: [], findings };
  const reader = new CaseReader(source, file, policy, findings);
  const list = reader.testsList();
  const cases: TestCase[] = [];
  const names = new Map<string, Place>();
  list?.items.forEach((node, index) => {
    const testCase = reader.testCase(node as Node, index);
    if (!testCase) return;
    const earlier = names.get(testCase.name);
    if (earlier) {
      reader.problem(testCase.at, `the test name "${testCase.name}" is used twice (first at line ${earlier.line}): give each test its own name`);
      return;
    }
    names.set(testCase.name, testCase.at);
    cases.push(testCase);
  });
  return { file, cases, findings };
}

class CaseReader {
  private readonly normaliser;

  constructor(
    private readonly source: YamlSource,
    private readonly file: string,
    private readonly policy: Policy,
    private readonly findings: Finding[],
  ) {
    this.normaliser = createNormaliser(policy.fields);
  }

  problem(at: Place, message: string, ruleId: RuleId = 'test/invalid'): void {
    this.findings.push({ ruleId, severity: 'error', message, file: this.file, line: at.line, column: at.column });
  }

  place(node: unknown): Place {
    const offset = (node as Node | null | undefined)?.range?.[0];
    if (offset === undefined) return { line: 1, column: 1 };
    const pos = this.source.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /** The `tests:` list, or a finding saying why there is none. */
  testsList(): { items: unknown[] } | undefined {
    const root = this.source.doc.contents;
    if (!isMap(root)) {
      this.problem(this.place(root), 'a tests file must be a mapping with a "tests:" list of { name, item, expect }: see principles/union.tests.yaml');
      return undefined;
    }
    for (const pair of root.items) {
      const key = keyOf(pair);
      if (key !== 'tests') this.problem(this.place(pair.key), `unknown key "${key}" in a tests file: it holds only "tests:"`);
    }
    const tests = root.get('tests', true);
    if (!isSeq(tests)) {
      this.problem(this.place(tests ?? root), 'the tests file needs a "tests:" list of { name, item, expect }');
      return undefined;
    }
    return tests;
  }

  testCase(node: Node, index: number): TestCase | undefined {
    const at = this.place(node);
    if (!isMap(node)) {
      this.problem(at, `test ${index + 1} must be a mapping of name, item and expect`);
      return undefined;
    }
    const before = this.findings.length;
    for (const pair of node.items) {
      const key = keyOf(pair);
      if (!CASE_KEYS.has(key)) this.problem(this.place(pair.key), `unknown key "${key}" in test ${index + 1}: a test has name, item and expect`);
    }
    const nameNode = node.get('name', true);
    const name = isScalar(nameNode) && typeof nameNode.value === 'string' ? nameNode.value.trim() : '';
    if (name === '' || name.length > 200)
      this.problem(nameNode ? this.place(nameNode) : at, `test ${index + 1} needs a name: one line of text, at most 200 characters`);
    const where = name ? `test "${name}"` : `test ${index + 1}`;
    const item = this.item(node, where, name || `test-${index + 1}`, at);
    const expected = this.expectation(node, where, at);
    if (this.findings.length > before || !item || !expected) return undefined;
    return { name, item, expect: expected.expect, at: nameNode ? this.place(nameNode) : at, places: expected.places };
  }

  /** The item, read as an item file's would be; its id and title default to the test's name. */
  private item(node: YAMLMap, where: string, name: string, at: Place): WorkItem | undefined {
    const itemNode = node.get('item', true);
    if (!isMap(itemNode)) {
      this.problem(itemNode ? this.place(itemNode) : at, `${where} needs an item: a mapping of its fields, e.g. item: { effort_weeks: 2, lead: council }`);
      return undefined;
    }
    const values = Object.create(null) as Record<string, unknown>;
    const places = new Map<string, Place>();
    for (const pair of itemNode.items) {
      const key = keyOf(pair);
      const value = pair.value as Node | null;
      values[key] = value === null ? null : isScalar(value) ? value.value : value.toJS(this.source.doc);
      places.set(key, this.place(value ?? pair.key));
    }
    values['id'] ??= name;
    values['title'] ??= name;
    const start = this.place(itemNode);
    const result = this.normaliser.normalise({ values, line: start.line, locate: (field) => places.get(field) ?? start }, this.file);
    for (const p of result.problems) this.problem(p, `${where}: ${p.message}`, p.ruleId);
    for (const key of Object.keys(values)) {
      if (!this.normaliser.known.has(key))
        this.problem(
          places.get(key) ?? start,
          `${where}: "${key}" is not a field of the principle set: declare it under fields, or remove it`,
          'item/unknown-column',
        );
    }
    return result.item;
  }

  private expectation(node: YAMLMap, where: string, at: Place): { expect: Expectation; places: TestCase['places'] } | undefined {
    const expectNode = node.get('expect', true);
    if (!isMap(expectNode)) {
      this.problem(expectNode ? this.place(expectNode) : at, `${where} needs expect: with at least a route, e.g. expect: { route: council }`);
      return undefined;
    }
    const places: TestCase['places'] = {};
    const found: Record<string, unknown> = {};
    for (const pair of expectNode.items) {
      const key = keyOf(pair);
      if (!(EXPECT_KEYS as readonly string[]).includes(key)) {
        this.problem(this.place(pair.key), `${where}: unknown expectation "${key}": expect may hold ${EXPECT_KEYS.join(', ')}`);
        continue;
      }
      places[key as ExpectKey] = this.place(pair.value ?? pair.key);
      found[key] = pair.value;
    }
    const routeNode = found['route'] as Node | undefined;
    if (routeNode === undefined) {
      this.problem(this.place(expectNode), `${where}: expect needs a route: one of ${[...this.policy.routes.keys()].join(', ')}`);
      return undefined;
    }
    const expect: Expectation = { route: this.oneOf(routeNode, [...this.policy.routes.keys()], `${where}: route`) ?? '' };
    if (found['classification'] !== undefined) {
      const value = this.oneOf(found['classification'] as Node, CLASSIFICATIONS, `${where}: classification`);
      if (value !== undefined) expect.classification = value as Classification;
    }
    if (found['rule'] !== undefined) {
      const value = this.oneOf(found['rule'] as Node, [...this.policy.rules.map((r) => r.id), DEFAULT_RULE_ID], `${where}: rule`);
      if (value !== undefined) expect.rule = value;
    }
    if (found['firm'] !== undefined) {
      const firm = found['firm'] as Node;
      if (isScalar(firm) && typeof firm.value === 'boolean') expect.firm = firm.value;
      else this.problem(this.place(firm), `${where}: firm must be true or false`);
    }
    for (const score of ['alignment', 'transformation'] as const) {
      if (found[score] === undefined) continue;
      const bounds = this.bounds(found[score] as Node, `${where}: ${score}`);
      if (bounds) expect[score] = bounds;
    }
    return { expect, places };
  }

  private oneOf(node: Node, allowed: readonly string[], what: string): string | undefined {
    const value = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    if (value !== undefined && allowed.includes(value)) return value;
    this.problem(this.place(node), `${what} ${value === undefined ? 'must be one of' : `"${value}" is not one of`} ${allowed.join(', ')}`);
    return undefined;
  }

  /** `50`, or a mapping such as `{ gte: 50, lt: 80 }`. */
  private bounds(node: Node, what: string): ScoreBounds | undefined {
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return { equals: node.value };
    if (!isMap(node) || node.items.length === 0) {
      this.problem(this.place(node), `${what} must be a number or bounds such as { gte: 50 } (${BOUND_KEYS.join(', ')})`);
      return undefined;
    }
    const bounds: ScoreBounds = {};
    for (const pair of node.items) {
      const key = keyOf(pair);
      const value = pair.value as Node | null;
      if (!(BOUND_KEYS as readonly string[]).includes(key)) {
        this.problem(this.place(pair.key), `${what}: unknown bound "${key}": use ${BOUND_KEYS.join(', ')}`);
      } else if (!isScalar(value) || typeof value.value !== 'number' || !Number.isFinite(value.value)) {
        this.problem(this.place(value ?? pair.key), `${what}: ${key} must be a number`);
      } else {
        bounds[key as keyof ScoreBounds] = value.value;
      }
    }
    return bounds;
  }
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}
