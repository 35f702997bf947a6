/** Seeded random backlogs for the bundled set, and decisions made by another set: to test calibration. */
import { assess } from '../../src/core/assess.js';
import type { DecidedCase } from '../../src/core/calibrate/search.js';
import type { Policy } from '../../src/core/compile.js';
import type { FieldValue, WorkItem } from '../../src/core/types.js';

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'redesign',
  'pilot',
  'integrated',
  'digital',
  'new service',
  'data',
  'insight',
  'dashboard',
  'feedback',
  'co-design',
  'self-care',
  'independence',
  'pathway',
  'discharge',
  'joint',
  'prevention',
  'wellbeing',
  'outcomes',
  'renewal',
  'maintenance',
  'annual',
  'routine',
  'licence',
  'compliance',
  'upkeep',
  'survey',
  'prototype',
  'iterative',
  'the',
  'service',
  'team',
  'work',
];
const PARTNERS = ['acute-trust', 'voluntary-sector', 'primary-care', 'housing'];

/** `n` items with fields of the bundled set, drawn from `seed`; some facts left unknown. */
export function randomItems(n: number, seed: number): WorkItem[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const maybe = <T>(value: T, p = 0.9): T | undefined => (next() < p ? value : undefined);
  return Array.from({ length: n }, (_, k) => {
    const id = `R-${String(k + 1).padStart(4, '0')}`;
    const organisations = (['council', 'ccg', ...PARTNERS] as const).filter((_, j) => next() < (j < 2 ? 0.7 : 0.25));
    const words = Array.from({ length: 3 + Math.floor(next() * 10) }, () => pick(WORDS));
    const values: Record<string, FieldValue> = {
      id,
      title: `Random item ${k + 1}`,
      description: words.join(' '),
      lead: maybe(pick(['union', 'council', 'ccg'])),
      organisations: organisations.length > 0 ? organisations : ['council'],
      effort_weeks: maybe(Math.round(next() * 40 * 2) / 2),
      cost_gbp: maybe(Math.round(next() * 300) * 1000),
      recurring: maybe(next() < 0.25),
      citizen_impact: maybe(1 + Math.floor(next() * 5)),
      evidence: (['quantitative', 'qualitative'] as const).filter(() => next() < 0.6),
      owner: maybe('A. Person', 0.3),
    };
    for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
    return { id, title: values['title'] as string, values, extra: {} };
  });
}

/** The items with the routes `policy` gives them as people's decisions. */
export function decidedBy(policy: Policy, items: readonly WorkItem[]): DecidedCase[] {
  return items.map((item) => ({ item, decided: assess(policy, item).route }));
}
