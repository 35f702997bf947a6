/**
 * Implication between conditions in conjunct form: "whenever B is true, A is true". Sound
 * but not complete: `true` is proven, `false` may only mean "could not tell". So a rule is
 * only ever called unreachable when it really is. Every comparison is counted against a
 * budget of steps (see budget.ts), and what a conjunct requires of a field is worked out once.
 */
import type { Budget } from './budget.js';
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
  valueCount,
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

/** The empty conjunct, shared so that its facts are worked out once per field. */
const ALWAYS: Conjunct = [];

/**
 * Implication under one set's field domains, within a budget of steps. Facts are kept per
 * conjunct object, so a conjunct compared with hundreds of others is read once per field.
 */
export class Reasoner {
  private readonly known = new WeakMap<Conjunct, Map<string, FieldFacts>>();
  /** Literals are shared between the conjuncts a condition expands to: each is keyed once. */
  private readonly keys = new WeakMap<Literal, string>();

  constructor(
    readonly domains: Domains,
    readonly budget: Budget,
  ) {}

  /** False when no item can meet every literal of the conjunct. */
  satisfiable(conjunct: Conjunct): boolean {
    this.budget.spend(conjunct.length);
    for (const field of new Set(conjunct.map((l) => l.field))) {
      const facts = this.factsOf(conjunct, field);
      if (facts.unknown && facts.known) return false;
      if (isEmptyRange(facts.range) || isEmptyRange(facts.count)) return false;
      if (facts.values && facts.values.size === 0) return false;
      this.budget.spend(facts.opaque.size);
      if ([...facts.opaque].some((key) => facts.opaque.has(`not ${key}`))) return false;
    }
    return true;
  }

  /** True when every item that meets the conjunct also meets the literal. */
  impliesLiteral(conjunct: Conjunct, target: Literal): boolean {
    const facts = this.factsOf(conjunct, target.field);
    this.budget.spend(1);
    switch (target.kind) {
      case 'known':
        return target.known ? facts.known : facts.unknown;
      case 'range': {
        if (!facts.known) return false;
        const values = facts.values;
        if (values && this.every(values, (v) => v.startsWith('n:'))) {
          return this.every(values, (v) => inRange(Number(v.slice(2)), target.range));
        }
        return rangeWithin(facts.range, target.range);
      }
      case 'oneOf':
        return facts.known && facts.values !== undefined && this.every(facts.values, (v) => target.values.has(v));
      case 'includesAll':
        return this.every(target.values, (v) => facts.includesAll.has(v));
      case 'includesAny':
        return (
          !this.every(facts.includesAll, (v) => !target.values.has(v)) ||
          facts.includesAny.some((any) => this.every(any, (v) => target.values.has(v)))
        );
      case 'count':
        return facts.known && rangeWithin(facts.count, target.range);
      case 'mentions':
        return facts.mentions.some((words) => this.every(words, (w) => target.values.has(w)));
      case 'opaque':
        return facts.opaque.has(target.key);
    }
  }

  /** True when every value passes the test; a step per value tried. */
  private every(values: Iterable<string>, test: (value: string) => boolean): boolean {
    for (const value of values) {
      this.budget.spend(1);
      if (!test(value)) return false;
    }
    return true;
  }

  /** True when every item that meets `b` also meets `a`. */
  conjunctImplies(b: Conjunct, a: Conjunct): boolean {
    return a.every((literal) => this.impliesLiteral(b, literal));
  }

  /** Drop unsatisfiable conjuncts and literals every item meets (`alignment >= 0`). */
  simplify(dnf: Dnf): Dnf {
    return dnf
      .filter((conjunct) => this.satisfiable(conjunct))
      .map((conjunct) => this.dedupe(conjunct.filter((literal) => !this.impliesLiteral(ALWAYS, literal))));
  }

  /** True when whenever `b` is true, `a` is: each conjunct of b implies some conjunct of a. */
  dnfImplies(b: Dnf, a: Dnf): boolean {
    return b.every((bc) => a.some((ac) => this.conjunctImplies(bc, ac)));
  }

  private dedupe(conjunct: Conjunct): Conjunct {
    const seen = new Set<string>();
    return conjunct.filter((literal) => {
      this.budget.spend(1);
      let key = this.keys.get(literal);
      if (key === undefined) {
        this.budget.spend(valueCount(literal));
        key = literalKey(literal);
        this.keys.set(literal, key);
      }
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** What a conjunct requires of one field, worked out on first use. */
  private factsOf(conjunct: Conjunct, field: string): FieldFacts {
    let byField = this.known.get(conjunct);
    if (byField === undefined) {
      byField = new Map();
      this.known.set(conjunct, byField);
    }
    let facts = byField.get(field);
    if (facts === undefined) {
      facts = factsOf(conjunct, field, this.domains, this.budget);
      byField.set(field, facts);
    }
    return facts;
  }
}

function factsOf(conjunct: Conjunct, field: string, domains: Domains, budget: Budget): FieldFacts {
  const domain = domains.get(field);
  budget.spend(conjunct.length + (domain?.values?.size ?? 0));
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
  for (const literal of conjunct) {
    if (literal.field !== field) continue;
    budget.spend(valueCount(literal) + (facts.values?.size ?? 0));
    addFact(facts, literal);
  }
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
