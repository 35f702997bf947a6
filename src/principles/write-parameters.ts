/**
 * New values for any parameters of a principle set (weights, signal points, thresholds, the
 * limits routing rules compare scores with) written into its text, changing nothing else. As
 * for weights (write-weights.ts), the yaml Document API finds where each value stands and only
 * those characters are replaced, so comments, blank lines, quoting, key order, flow or block
 * style and line endings stay as they were. The result is read back as a principle set and
 * must have exactly the new values before anyone writes it.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { compilePolicy } from '../core/compile.js';
import { parametersOf, type Parameter } from '../core/sensitivity/parameters.js';
import { TriageError } from '../errors.js';
import type { YamlSource } from '../io/yaml.js';
import { checkPrinciples } from './load.js';
import type { PrincipleSetText } from './write-weights.js';

/** A parameter (as the set read has it) and the value it is to have. */
export interface ValueChange {
  parameter: Parameter;
  to: number;
}

/** Where a value was replaced: 1-based line and column in the text. */
export interface ValuePlace {
  parameter: string;
  line: number;
  column: number;
}

/** The set's text with each change made in place, and where each value stands. */
export function withParameterValues(loaded: Pick<PrincipleSetText, 'file' | 'text' | 'source'>, changes: readonly ValueChange[]): { text: string; places: ValuePlace[] } {
  const edits = changes.flatMap(({ parameter, to }) =>
    valueNodes(loaded.source, parameter).map((range) => ({ parameter, to, range, text: formatValue(to) })),
  );
  const places = edits.map(({ parameter, range }) => {
    const at = loaded.source.lineCounter.linePos(range[0]);
    return { parameter: parameter.id, line: at.line, column: at.col };
  });
  let text = loaded.text;
  // From the end, so earlier offsets stay valid.
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) text = text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
  checkReadBack(loaded.file, text, changes, places);
  return { text, places };
}

/** Each change found, written and read back as the value asked for; anything else is refused. */
function checkReadBack(file: string, text: string, changes: readonly ValueChange[], places: readonly ValuePlace[]): void {
  const check = checkPrinciples(text, file);
  const readBack = check.set ? new Map(parametersOf(compilePolicy(check.set)).map((p) => [p.id, p.value])) : new Map<string, number>();
  for (const { parameter, to } of changes) {
    if (readBack.get(parameter.id) === to && places.some((p) => p.parameter === parameter.id)) continue;
    const at = places.find((p) => p.parameter === parameter.id);
    throw new TriageError('principles-invalid', `${parameter.id} cannot be rewritten in place`, {
      position: { file, ...(at ? { line: at.line, column: at.column } : {}) },
      hint: 'write the value as a plain number (e.g. weight: 2), then run again',
    });
  }
}

/** The text ranges of a parameter's value (a routing limit may be written more than once in its rule). */
function valueNodes(source: YamlSource, p: Parameter): Array<[number, number]> {
  const root = source.doc.contents as Node | null;
  const at = (node: unknown, ...path: Array<string | number>): unknown => {
    let current = node;
    for (const key of path) {
      if (isMap(current)) current = current.get(key, true);
      else if (isSeq(current) && typeof key === 'number') current = current.items[key];
      else return undefined;
    }
    return current;
  };
  const range = (node: unknown): Array<[number, number]> => (isScalar(node) && node.range ? [[node.range[0], node.range[1]]] : []);
  switch (p.kind) {
    case 'weight':
      return range(at(root, 'principles', p.principle, 'weight'));
    case 'points':
      return range(at(root, 'transformation', 'signals', p.signal, 'points'));
    case 'threshold':
      return range(at(root, 'transformation', 'thresholds', p.threshold));
    case 'literal':
      return limitNodes(at(root, 'routing', 'rules', p.rule, 'when'), p).flatMap(range);
  }
}

/** The value nodes of the leaves in a condition that compare `p.field` by `p.bound` with `p.value`. */
function limitNodes(condition: unknown, p: Extract<Parameter, { kind: 'literal' }>): Scalar[] {
  const found: Scalar[] = [];
  const visit = (node: unknown): void => {
    if (!isMap(node)) return;
    const map = node;
    for (const key of ['all', 'any'] as const) {
      const parts = map.get(key, true);
      if (isSeq(parts)) parts.items.forEach(visit);
    }
    visit(map.get('not', true));
    const value = map.get(p.bound, true);
    if (map.get('field') === p.field && isScalar(value) && value.value === p.value) found.push(value);
  };
  visit(condition);
  return found;
}

/** A number as YAML text: the shortest form that reads back as the same number. */
function formatValue(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a parameter must be a finite number, not ${value}`);
  return String(value);
}
