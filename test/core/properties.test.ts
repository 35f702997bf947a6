/**
 * Properties that hold for any principle set that validates and any items: assessment never
 * throws, scores stay in range, routes are declared ones, and results do not depend on order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess, assessRoute } from '../../src/core/assess.js';
import { compilePolicy } from '../../src/core/compile.js';
import type { Condition, FieldSpec, FieldValue, LeafCondition, PrincipleSet, WorkItem } from '../../src/core/types.js';
import { checkSchema } from '../../src/principles/schema.js';
import { checkSemantics } from '../../src/principles/semantics.js';

const FIELDS: Record<string, FieldSpec> = {
  size: { type: 'number', min: 0 },
  score: { type: 'integer', min: 1, max: 5 },
  kind: { type: 'enum', values: ['x', 'y', 'z'] },
  orgs: { type: 'list' },
  notes: { type: 'text' },
  owner: { type: 'string' },
  flag: { type: 'boolean' },
};
const WORDS = ['care', 'data', 'x', 'y', 'z', 'council', 'ccg', 'shared record', 'a.b', '(x+)+'];

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const word = fc.constantFrom(...WORDS);

function leafFor(field: string): fc.Arbitrary<LeafCondition> {
  const spec = FIELDS[field] as FieldSpec;
  const number = fc.integer({ min: -2, max: 12 });
  switch (spec.type) {
    case 'number':
    case 'integer':
      return fc.oneof(
        number.map((n) => ({ field, gte: n })),
        number.map((n) => ({ field, lt: n })),
        number.map((n) => ({ field, equals: n })),
        fc.boolean().map((b) => ({ field, exists: b })),
      );
    case 'enum':
      return fc.oneof(
        fc.constantFrom('x', 'y', 'z').map((v) => ({ field, equals: v })),
        fc.subarray(['x', 'y', 'z'], { minLength: 1 }).map((v) => ({ field, in: v })),
      );
    case 'list':
      return fc.oneof(
        fc.array(word, { minLength: 1, maxLength: 3 }).map((v) => ({ field, includes: v })),
        fc.array(word, { minLength: 1, maxLength: 3 }).map((v) => ({ field, includesAny: v })),
        fc.integer({ min: 0, max: 3 }).map((n) => ({ field, count: { lte: n } })),
      );
    case 'text':
    case 'string':
      return fc.oneof(
        fc.array(word, { minLength: 1, maxLength: 4 }).map((v) => ({ field, mentions: v })),
        fc.boolean().map((b) => ({ field, exists: b })),
      );
    case 'boolean':
      return fc.boolean().map((b) => ({ field, equals: b }));
  }
}

const itemLeaf = fc.constantFrom(...Object.keys(FIELDS)).chain(leafFor);
const computedLeaf: fc.Arbitrary<LeafCondition> = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((n) => ({ field: 'alignment', gte: n })),
  fc.integer({ min: 0, max: 100 }).map((n) => ({ field: 'transformation', lt: n })),
  fc.constantFrom('transformational', 'borderline', 'business-as-usual').map((v) => ({ field: 'classification', equals: v })),
);

function condition(leaf: fc.Arbitrary<LeafCondition>): fc.Arbitrary<Condition> {
  return fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      tie('c').map((not) => ({ not })),
    ),
  })).c;
}

const principleSet: fc.Arbitrary<PrincipleSet> = fc
  .record({
    routes: fc.uniqueArray(id, { minLength: 1, maxLength: 5 }),
    principles: fc.array(
      fc.record({
        weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
        criteria: fc.array(fc.record({ when: condition(itemLeaf), points: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    signals: fc.array(fc.record({ when: condition(itemLeaf), points: fc.integer({ min: -80, max: 80 }).filter((n) => n !== 0) }), { maxLength: 6 }),
    low: fc.integer({ min: 0, max: 100 }),
    high: fc.integer({ min: 0, max: 100 }),
    rules: fc.array(fc.record({ when: condition(fc.oneof(itemLeaf, computedLeaf)), route: fc.nat() }), { maxLength: 6 }),
    fallback: fc.nat(),
  })
  .map(({ routes, principles, signals, low, high, rules, fallback }) => ({
    version: 1 as const,
    organisation: 'Generated',
    routes: routes.map((r) => ({ id: r, label: r.toUpperCase() })),
    fields: FIELDS,
    principles: principles.map((p, i) => ({
      id: `p${i}`,
      title: `Principle ${i}`,
      weight: p.weight,
      criteria: p.criteria.map((c, j) => ({ id: `p${i}-c${j}`, ask: 'Question?', when: c.when, points: c.points })),
    })),
    transformation: {
      signals: signals.map((s, i) => ({ id: `s${i}`, when: s.when, points: s.points })),
      thresholds: { transformational: Math.max(low, high), businessAsUsual: Math.min(low, high) },
    },
    routing: {
      rules: rules.map((r, i) => ({ id: `r${i}`, route: routes[r.route % routes.length] as string, when: r.when, reason: 'Because.' })),
      default: routes[fallback % routes.length] as string,
    },
  }));

const value: Record<string, fc.Arbitrary<FieldValue>> = {
  size: fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: undefined }),
  score: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  kind: fc.option(fc.constantFrom('x', 'y', 'z'), { nil: undefined }),
  orgs: fc.option(fc.uniqueArray(word, { minLength: 1, maxLength: 4 }), { nil: undefined }),
  notes: fc.option(
    fc.string({ maxLength: 60 }).map((s) => `${s} ${WORDS.join(' ').slice(0, s.length)}`),
    { nil: undefined },
  ),
  owner: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }),
  flag: fc.option(fc.boolean(), { nil: undefined }),
};

const workItem: fc.Arbitrary<WorkItem> = fc.record(value).map((values) => {
  const known = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return { id: 'x', title: 'Generated', values: { id: 'x', title: 'Generated', ...known }, extra: {} };
});

const items = fc
  .array(workItem, { minLength: 1, maxLength: 12 })
  .map((list) => list.map((it, i) => ({ ...it, id: `I-${i}`, values: { ...it.values, id: `I-${i}` } })));

describe('assessment properties', () => {
  it('generated principle sets pass the schema and the semantic checks', () => {
    fc.assert(
      fc.property(principleSet, (set) => {
        expect(checkSchema(set)).toEqual([]);
        expect(checkSemantics(set)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, keeps scores in range and routes to declared routes', () => {
    fc.assert(
      fc.property(principleSet, items, (set, list) => {
        const policy = compilePolicy(set);
        const declared = new Set(set.routes.map((r) => r.id));
        for (const it of list) {
          const a = assess(policy, it);
          expect(declared.has(a.route)).toBe(true);
          for (const score of [a.alignment, a.transformation]) {
            expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
          }
          expect(a.confidence >= 0 && a.confidence <= 1).toBe(true);
          for (const p of a.principles) expect(p.score >= 0 && p.score <= 100).toBe(true);
          expect(['transformational', 'borderline', 'business-as-usual']).toContain(a.classification);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives, with assessRoute, exactly the routed part of what assess gives (the csv columns)', () => {
    fc.assert(
      fc.property(principleSet, items, (set, list) => {
        const policy = compilePolicy(set);
        for (const it of list) {
          const full = assess(policy, it);
          const routed = assessRoute(policy, it);
          expect(Object.keys(routed)).toEqual([
            'id',
            'title',
            'route',
            'routeLabel',
            'rule',
            'reason',
            'classification',
            'alignment',
            'transformation',
            'confidence',
            'overridden',
          ]);
          expect(routed).toStrictEqual(Object.fromEntries(Object.keys(routed).map((key) => [key, full[key as keyof typeof full]])));
          // The full assessment starts with the same keys, in the same order (the JSON contract).
          expect(Object.keys(full).slice(0, 11)).toEqual(Object.keys(routed));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and independent of the order and company of items', () => {
    fc.assert(
      fc.property(principleSet, items, fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }), (set, list, keys) => {
        const policy = compilePolicy(set);
        const forward = new Map(list.map((it) => [it.id, assess(policy, it)]));
        const shuffled = list
          .map((it, i) => ({ it, key: keys[i] as number }))
          .sort((a, b) => a.key - b.key)
          .map(({ it }) => it);
        const again = compilePolicy(structuredClone(set));
        for (const it of shuffled) expect(assess(again, structuredClone(it))).toEqual(forward.get(it.id));
      }),
      { numRuns: 200 },
    );
  });
});
