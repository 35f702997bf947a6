/** Small principle sets built from plain objects, for unit tests of the core. */
import { readFileSync } from 'node:fs';
import { compilePolicy, type Policy } from '../../src/core/compile.js';
import type { FieldValue, PrincipleSet, WorkItem } from '../../src/core/types.js';
import { checkPrinciples } from '../../src/principles/load.js';
import { repoPath } from './run.js';

/** The bundled principle set, checked and compiled as the CLI does. */
export function unionPolicy(): Policy {
  const text = readFileSync(repoPath('principles/union.yaml'), 'utf8');
  const check = checkPrinciples(text, 'principles/union.yaml');
  if (!check.set) throw new Error(check.findings.map((f) => f.message).join('\n'));
  return compilePolicy(check.set);
}

/** A minimal valid principle set, with overrides. */
export function minimalSet(overrides: Partial<PrincipleSet> = {}): PrincipleSet {
  return {
    version: 1,
    organisation: 'Test',
    routes: [
      { id: 'a', label: 'Route A' },
      { id: 'b', label: 'Route B' },
      { id: 'review', label: 'Needs review' },
    ],
    fields: {
      size: { type: 'number', min: 0 },
      kind: { type: 'enum', values: ['x', 'y'] },
      tags: { type: 'list' },
      notes: { type: 'text' },
      flag: { type: 'boolean' },
    },
    principles: [
      {
        id: 'p1',
        title: 'First',
        weight: 3,
        criteria: [
          { id: 'big', ask: 'Big?', when: { field: 'size', gte: 10 }, points: 1 },
          { id: 'tagged', ask: 'Tagged red?', when: { field: 'tags', includes: ['red'] }, points: 3 },
        ],
      },
      {
        id: 'p2',
        title: 'Second',
        weight: 1,
        criteria: [{ id: 'noted', ask: 'Mentions care?', when: { field: 'notes', mentions: ['care'] }, points: 2 }],
      },
    ],
    transformation: {
      signals: [
        { id: 'large', when: { field: 'size', gte: 10 }, points: 50 },
        { id: 'red', when: { field: 'tags', includes: ['red'] }, points: 30 },
        { id: 'flagged', when: { field: 'flag', equals: true }, points: -60 },
      ],
      thresholds: { transformational: 60, businessAsUsual: 40 },
    },
    routing: {
      rules: [
        { id: 'to-a', route: 'a', when: { field: 'classification', equals: 'transformational' }, reason: 'Transformational.' },
        { id: 'to-b', route: 'b', when: { field: 'kind', equals: 'y' }, reason: 'Kind y.' },
      ],
      default: 'review',
    },
    ...overrides,
  };
}

export function item(values: Record<string, FieldValue>, id = 'I-1'): WorkItem {
  return { id, title: `Item ${id}`, values: { id, title: `Item ${id}`, ...values }, extra: {} };
}
