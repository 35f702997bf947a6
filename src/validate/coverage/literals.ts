/**
 * Conditions as sets of requirements, for reasoning about routing rules without items.
 *
 * A condition is true exactly when one of its conjuncts is: each conjunct is a list of
 * literals, each a requirement on one field ("known", "a number in [2, 5]", "one of council,
 * ccg", ...). This holds under the three-valued logic of conditions, because `all` is true
 * only when every part is true, `any` when some part is, and `not X` when X is false, which
 * for a leaf means "known, and failing the test": a requirement too.
 */
import { BUILT_IN_FIELDS, CLASSIFICATIONS } from '../../core/domain.js';
import { leafOperator } from '../../core/operators.js';
import { EVERYTHING, inRange, intersect, isEmptyRange, rangeWithin, scalarKey, type Literal, type Range } from '../../core/requirements.js';
import type { Condition, FieldSpec, LeafCondition } from '../../core/types.js';
import type { Budget } from './budget.js';

export type { Literal, Range } from '../../core/requirements.js';
export { EVERYTHING, intersect, isEmptyRange, rangeWithin, inRange, scalarKey };

/** All of these literals. */
export type Conjunct = readonly Literal[];
/** Any of these conjuncts: `[]` is never true, `[[]]` is always true. */
export type Dnf = readonly Conjunct[];

/** What is known about a field before any item is seen. */
export interface Domain {
  /** Every item has it (id, title, required fields, computed scores). */
  alwaysKnown: boolean;
  /** The values it can take, as scalar keys, when there are finitely many. */
  values?: ReadonlySet<string>;
  /** The numbers it can take. */
  range?: Range;
}


/** Conditions are expanded to at most this many conjuncts; bigger ones are not analysed. */
export const MAX_CONJUNCTS = 256;

/** What each field can be: from the set's declarations, plus the scores every assessment computes. */
export function domainsOf(fields: Readonly<Record<string, FieldSpec>>): Map<string, Domain> {
  const domains = new Map<string, Domain>();
  for (const [name, spec] of Object.entries(fields)) domains.set(name, domainOf(spec));
  for (const name of BUILT_IN_FIELDS) domains.set(name, { alwaysKnown: true });
  const percent: Range = { lo: 0, loOpen: false, hi: 100, hiOpen: false };
  domains.set('alignment', { alwaysKnown: true, range: percent });
  domains.set('transformation', { alwaysKnown: true, range: percent });
  domains.set('confidence', { alwaysKnown: true, range: { lo: 0, loOpen: false, hi: 1, hiOpen: false } });
  domains.set('classification', {
    alwaysKnown: true,
    values: new Set(CLASSIFICATIONS.map(scalarKey)),
  });
  return domains;
}

function domainOf(spec: FieldSpec): Domain {
  const alwaysKnown = spec.required === true;
  switch (spec.type) {
    case 'enum':
      return { alwaysKnown, values: new Set((spec.values ?? []).map(scalarKey)) };
    case 'boolean':
      return { alwaysKnown, values: new Set([scalarKey(true), scalarKey(false)]) };
    case 'number':
    case 'integer':
      return {
        alwaysKnown,
        range: {
          lo: spec.min ?? -Infinity,
          loOpen: spec.min === undefined,
          hi: spec.max ?? Infinity,
          hiOpen: spec.max === undefined,
        },
      };
    default:
      return { alwaysKnown };
  }
}

/**
 * The condition as conjuncts of literals, or `undefined` when it expands beyond
 * MAX_CONJUNCTS. Every literal placed in a conjunct is a step of the budget.
 */
export function toDnf(condition: Condition, domains: ReadonlyMap<string, Domain>, budget: Budget, negated = false): Dnf | undefined {
  if ('all' in condition) {
    const parts = condition.all.map((c) => toDnf(c, domains, budget, negated));
    return negated ? or(parts) : and(parts, budget);
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => toDnf(c, domains, budget, negated));
    return negated ? and(parts, budget) : or(parts);
  }
  if ('not' in condition) return toDnf(condition.not, domains, budget, !negated);
  const literal = leafLiteral(condition);
  const domain = domains.get(condition.field);
  budget.spend(1 + valueCount(literal) + (negated ? (domain?.values?.size ?? 0) : 0));
  return [[negated ? negate(literal, domain) : literal]];
}

function or(parts: Array<Dnf | undefined>): Dnf | undefined {
  const result: Conjunct[] = [];
  for (const part of parts) {
    if (part === undefined) return undefined;
    result.push(...part);
    if (result.length > MAX_CONJUNCTS) return undefined;
  }
  return result;
}

function and(parts: Array<Dnf | undefined>, budget: Budget): Dnf | undefined {
  let result: Conjunct[] = [[]];
  for (const part of parts) {
    if (part === undefined) return undefined;
    // Refused before the product is built: it would be thrown away.
    if (result.length * part.length > MAX_CONJUNCTS) return undefined;
    const next: Conjunct[] = [];
    for (const left of result) {
      for (const right of part) {
        budget.spend(left.length + right.length);
        next.push([...left, ...right]);
      }
    }
    result = next;
  }
  return result;
}

/** How many values a literal holds: the work of comparing it with another. */
export function valueCount(literal: Literal): number {
  return 'values' in literal ? literal.values.size : 0;
}

/** One leaf test as the requirement it makes when true: its operator says which. */
function leafLiteral(leaf: LeafCondition): Literal {
  const { operator, arg } = leafOperator(leaf);
  return operator.literal(leaf.field, arg);
}

/** The requirement "known, and failing this literal's test". */
function negate(literal: Literal, domain: Domain | undefined): Literal {
  const { field } = literal;
  switch (literal.kind) {
    case 'known':
      return { field, kind: 'known', known: !literal.known };
    case 'range': {
      const { lo, hi } = literal.range;
      // Only one-sided intervals have a complement that is one interval.
      if (hi === Infinity && lo !== -Infinity) return { field, kind: 'range', range: { ...EVERYTHING, hi: lo, hiOpen: !literal.range.loOpen } };
      if (lo === -Infinity && hi !== Infinity) return { field, kind: 'range', range: { ...EVERYTHING, lo: hi, loOpen: !literal.range.hiOpen } };
      break;
    }
    case 'oneOf':
      if (domain?.values) return { field, kind: 'oneOf', values: new Set([...domain.values].filter((v) => !literal.values.has(v))) };
      break;
    case 'opaque':
      return { field, kind: 'opaque', key: literal.key.startsWith('not ') ? literal.key.slice(4) : `not ${literal.key}` };
    default:
      // The other kinds (counts, word tests, list tests) have no complement of their own kind.
      break;
  }
  return { field, kind: 'opaque', key: `not ${literalKey(literal)}` };
}

/** A canonical text for a literal: equal literals have equal keys. */
export function literalKey(literal: Literal): string {
  const set = (values: ReadonlySet<string>): string => [...values].sort().join('|');
  switch (literal.kind) {
    case 'known':
      return `${literal.field} known=${literal.known}`;
    case 'range':
    case 'count':
      return `${literal.field} ${literal.kind} ${rangeText(literal.range)}`;
    case 'opaque':
      return `${literal.field} ${literal.key}`;
    default:
      return `${literal.field} ${literal.kind} ${set(literal.values)}`;
  }
}

function rangeText(range: Range): string {
  return `${range.loOpen ? '(' : '['}${range.lo},${range.hi}${range.hiOpen ? ')' : ']'}`;
}

