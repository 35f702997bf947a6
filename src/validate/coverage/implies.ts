/**
 * Implication between conditions in conjunct form: "whenever B is true, A is true". Sound
 * but not complete: `true` is proven, `false` may only mean "could not tell". So a rule is
 * only ever called unreachable when it really is.
 */
import {
  EVERYTHING,
  inRange,
  intersect,
  isEmptyRange,
  literalKey,
  rangeWithin,
  type Conjunct,
  type Dnf,
  type Domain,
  type Literal,
  type Range,
} from './literals.js';

export type Domains = ReadonlyMap<string, Domain>;

/** What a conjunct requires of one field, with the field's domain folded in. */
interface FieldFacts {
  known: boolean;
  unknown: boolean;
  /** Numbers allowed; EVERYTHING when no number is required. */
  range: Range;
  /** Scalar keys allowed, when finitely many. */
  values: Set<string> | undefined;
  includesAll: Set<string>;
  includesAny: Array<ReadonlySet<string>>;
  count: Range;
  mentions: Array<ReadonlySet<string>>;
  opaque: Set<string>;
}

function factsOf(conjunct: Conjunct, field: string, domains: Domains): FieldFacts {
  const domain = domains.get(field);
  const facts: FieldFacts = {
    known: domain?.alwaysKnown ?? false,
    unknown: false,
    range: EVERYTHING,
    values: undefined,
    includesAll: new Set(),
    includesAny: [],
    count: { lo: 0, loOpen: false, hi: Infinity, hiOpen: true },
    mentions: [],
    opaque: new Set(),
  };
  for (const literal of conjunct) if (literal.field === field) addFact(facts, literal);
  if (facts.known) {
    if (domain?.range) facts.range = intersect(facts.range, domain.range);
    if (domain?.values) facts.values = facts.values ? intersection(facts.values, domain.values) : new Set(domain.values);
  }
  // Numbers the scalar values name must also lie in the numeric range, and the other way round.
  if (facts.values && [...facts.values].every((v) => v.startsWith('n:'))) {
    facts.values = new Set([...facts.values].filter((v) => inRange(Number(v.slice(2)), facts.range)));
  }
  return facts;
}

function addFact(facts: FieldFacts, literal: Literal): void {
  if (literal.kind === 'known') {
    if (literal.known) facts.known = true;
    else facts.unknown = true;
    return;
  }
  facts.known = true; // every other requirement holds only for a known value
  switch (literal.kind) {
    case 'range':
      facts.range = intersect(facts.range, literal.range);
      if (literal.range.lo === literal.range.hi && !isEmptyRange(literal.range)) {
        facts.values = restrict(facts.values, new Set([`n:${literal.range.lo}`]));
      }
      break;
    case 'oneOf':
      facts.values = restrict(facts.values, literal.values);
      break;
    case 'includesAll':
      for (const v of literal.values) facts.includesAll.add(v);
      break;
    case 'includesAny':
      facts.includesAny.push(literal.values);
      break;
    case 'count':
      facts.count = intersect(facts.count, literal.range);
      break;
    case 'mentions':
      facts.mentions.push(literal.values);
      break;
    case 'opaque':
      facts.opaque.add(literal.key);
      break;
  }
}

function restrict(current: Set<string> | undefined, allowed: ReadonlySet<string>): Set<string> {
  return current ? intersection(current, allowed) : new Set(allowed);
}

function intersection(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((v) => b.has(v)));
}

function fieldsOf(conjunct: Conjunct): Set<string> {
  return new Set(conjunct.map((l) => l.field));
}

/** False when no item can meet every literal of the conjunct. */
export function satisfiable(conjunct: Conjunct, domains: Domains): boolean {
  for (const field of fieldsOf(conjunct)) {
    const facts = factsOf(conjunct, field, domains);
    if (facts.unknown && facts.known) return false;
    if (isEmptyRange(facts.range) || isEmptyRange(facts.count)) return false;
    if (facts.values && facts.values.size === 0) return false;
    if ([...facts.opaque].some((key) => facts.opaque.has(`not ${key}`))) return false;
  }
  return true;
}

/** True when every item that meets the conjunct also meets the literal. */
export function impliesLiteral(conjunct: Conjunct, target: Literal, domains: Domains): boolean {
  const facts = factsOf(conjunct, target.field, domains);
  switch (target.kind) {
    case 'known':
      return target.known ? facts.known : facts.unknown;
    case 'range':
      if (!facts.known) return false;
      if (facts.values && [...facts.values].every((v) => v.startsWith('n:'))) {
        return [...facts.values].every((v) => inRange(Number(v.slice(2)), target.range));
      }
      return rangeWithin(facts.range, target.range);
    case 'oneOf':
      return facts.known && facts.values !== undefined && [...facts.values].every((v) => target.values.has(v));
    case 'includesAll':
      return [...target.values].every((v) => facts.includesAll.has(v));
    case 'includesAny':
      return (
        [...facts.includesAll].some((v) => target.values.has(v)) ||
        facts.includesAny.some((any) => [...any].every((v) => target.values.has(v)))
      );
    case 'count':
      return facts.known && rangeWithin(facts.count, target.range);
    case 'mentions':
      return facts.mentions.some((words) => [...words].every((w) => target.values.has(w)));
    case 'opaque':
      return facts.opaque.has(target.key);
  }
}

/** True when every item that meets `b` also meets `a`. */
export function conjunctImplies(b: Conjunct, a: Conjunct, domains: Domains): boolean {
  return a.every((literal) => impliesLiteral(b, literal, domains));
}

/** Drop unsatisfiable conjuncts and literals every item meets (`alignment >= 0`). */
export function simplify(dnf: Dnf, domains: Domains): Dnf {
  return dnf
    .filter((conjunct) => satisfiable(conjunct, domains))
    .map((conjunct) => dedupe(conjunct.filter((literal) => !impliesLiteral([], literal, domains))));
}

function dedupe(conjunct: Conjunct): Conjunct {
  const seen = new Set<string>();
  return conjunct.filter((literal) => {
    const key = literalKey(literal);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when whenever `b` is true, `a` is: each conjunct of b implies some conjunct of a. */
export function dnfImplies(b: Dnf, a: Dnf, domains: Domains): boolean {
  return b.every((bc) => a.some((ac) => conjunctImplies(bc, ac, domains)));
}
