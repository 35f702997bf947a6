/**
 * What would change an item's route: the smallest sets of fact changes that send it to each
 * other route, found exactly from the compiled policy. Candidate values come from the
 * operators themselves (the numbers, entries and keywords their tests compare with); every
 * set reported is checked by scoring the changed item again, and is minimal: undo any one of
 * its changes and that route is no longer reached. The search goes by number of changed
 * fields, skips any set of fields that could not reach a wanted route whatever their values
 * (the free evaluation of evaluate.ts), and stops at a fixed amount of work per item.
 */
import type { Policy } from './compile.js';
import { DEFAULT_RULE_ID } from './domain.js';
import {
  EvalContext,
  F,
  T,
  computedValues,
  fillComputedMasks,
  firstRule,
  leafMask,
  possible,
  score,
  type Answers,
} from './evaluate.js';
import type { CandidateContext, Edit, Known } from './operators.js';
import type { Counterfactual, FieldSpec, FieldValue, WorkItem } from './types.js';

/** At most this many counterfactuals per route. */
export const PER_ROUTE = 3;
/** At most this many facts changed at once. */
export const MAX_CHANGES = 4;
/** Scorings of changed items per item searched; beyond it the search reports what it found. */
export const WORK_BUDGET = 20_000;
/** Candidate values kept per field. */
const MAX_CANDIDATES = 24;

interface Candidate {
  value: Known;
  /** Made of two edits: tried after the single ones, and only where they do not already do. */
  merged: boolean;
  /** The outcomes of the field's leaves with this value, in `policy.leavesByField` order. */
  masks: Uint8Array;
}

interface FieldCandidates {
  field: string;
  leaves: readonly number[];
  current: FieldValue;
  candidates: Candidate[];
}

/** The counterfactuals of an item, fewest changes first, then in the set's route order. */
export function findCounterfactuals(policy: Policy, item: WorkItem, route: string, answers?: Answers): Counterfactual[] {
  const base = new Uint8Array(policy.leaves.length);
  fillItemLeaves(policy, item, base);
  const fields = [...policy.leavesByField.keys()]
    .map((field) => candidatesFor(policy, field, item.values[field], base))
    .filter((f) => f.candidates.length > 0);
  const found = new Map<string, Counterfactual[]>();
  const wanted = (): string[] => policy.set.routes.map((r) => r.id).filter((id) => id !== route && (found.get(id)?.length ?? 0) < PER_ROUTE);

  // Routes no change of any field can reach are not searched for at all.
  const reachable = new Set(possible(policy, freeLeaves(base, fields), answers).routes);
  const targets = (): string[] => wanted().filter((id) => reachable.has(id));

  let work = 0;
  const routeWith = (masks: Uint8Array): { route: string; rule: string; alignment: number; transformation: number } => {
    work++;
    const scores = score(policy, masks, answers);
    fillComputedMasks(policy, computedValues(scores), masks);
    const fired = firstRule(policy, masks);
    const rule = fired >= 0 ? policy.rules[fired] : undefined;
    return { route: rule?.route ?? policy.defaultRoute, rule: rule?.id ?? DEFAULT_RULE_ID, alignment: scores.alignment, transformation: scores.transformation };
  };

  for (let size = 1; size <= Math.min(MAX_CHANGES, fields.length); size++) {
    for (const chosen of combinations(fields.length, size)) {
      if (targets().length === 0 || work >= WORK_BUDGET) return ordered(policy, found);
      const group = chosen.map((k) => fields[k] as FieldCandidates);
      const open = possible(policy, freeLeaves(base, group), answers).routes;
      if (!targets().some((id) => open.includes(id))) continue;
      for (const picks of products(group.map((f) => f.candidates.length))) {
        if (work >= WORK_BUDGET) return ordered(policy, found);
        const masks = base.slice();
        group.forEach((f, g) => place(masks, f, f.candidates[picks[g] as number] as Candidate));
        const reached = routeWith(masks);
        if (!targets().includes(reached.route)) continue;
        if (!minimal(base, group, picks, reached.route, routeWith)) continue;
        const list = found.get(reached.route) ?? [];
        const merges = group.some((f, g) => (f.candidates[picks[g] as number] as Candidate).merged);
        if (merges && list.some((c) => sameFields(c, group))) continue;
        list.push({
          route: reached.route,
          rule: reached.rule,
          changes: group.map((f, g) => ({ field: f.field, from: f.current ?? null, to: (f.candidates[picks[g] as number] as Candidate).value })),
          alignment: reached.alignment,
          transformation: reached.transformation,
        });
        found.set(reached.route, list);
      }
    }
  }
  return ordered(policy, found);
}

/** True when undoing any one change leaves the route other than `route`. */
function minimal(
  base: Uint8Array,
  group: readonly FieldCandidates[],
  picks: readonly number[],
  route: string,
  routeWith: (masks: Uint8Array) => { route: string },
): boolean {
  if (group.length === 1) return true;
  for (let undo = 0; undo < group.length; undo++) {
    const masks = base.slice();
    group.forEach((f, g) => {
      if (g !== undo) place(masks, f, f.candidates[picks[g] as number] as Candidate);
    });
    if (routeWith(masks).route === route) return false;
  }
  return true;
}

function sameFields(found: Counterfactual, group: readonly FieldCandidates[]): boolean {
  return found.changes.length === group.length && group.every((f) => found.changes.some((c) => c.field === f.field));
}

function ordered(policy: Policy, found: Map<string, Counterfactual[]>): Counterfactual[] {
  const order = policy.set.routes.map((r) => r.id);
  return [...found.values()]
    .flat()
    .sort((a, b) => a.changes.length - b.changes.length || order.indexOf(a.route) - order.indexOf(b.route));
}

function fillItemLeaves(policy: Policy, item: WorkItem, masks: Uint8Array): void {
  const ctx = new EvalContext(item.values);
  for (const index of policy.itemLeaves) {
    const leaf = policy.leaves[index];
    if (leaf) masks[index] = leafMask(leaf, item.values[leaf.field], ctx);
  }
}

function place(masks: Uint8Array, field: FieldCandidates, candidate: Candidate): void {
  field.leaves.forEach((leaf, k) => {
    masks[leaf] = candidate.masks[k] as number;
  });
}

function freeLeaves(base: Uint8Array, fields: readonly FieldCandidates[]): Uint8Array {
  const masks = base.slice();
  for (const f of fields) for (const leaf of f.leaves) masks[leaf] = T | F;
  return masks;
}

/** The values worth trying for a field: each changes the outcome of at least one of its tests. */
function candidatesFor(policy: Policy, field: string, current: FieldValue, base: Uint8Array): FieldCandidates {
  const leaves = policy.leavesByField.get(field) ?? [];
  const spec = policy.fields.get(field) as FieldSpec;
  const named = namedValues(policy, leaves);
  const context: CandidateContext = { spec, named };
  const edits: Edit[] = [];
  for (const index of leaves) {
    const leaf = policy.leaves[index];
    if (leaf) edits.push(...leaf.operator.candidates(leaf.arg, current, context));
  }
  const currentKey = leaves.map((leaf) => base[leaf]).join(',');
  const seen = new Set<string>([currentKey]);
  const candidates: Candidate[] = [];
  const singles = edits.length;
  for (const [k, edit] of [...edits, ...merged(edits)].entries()) {
    const value = applyEdit(current, edit, spec, named);
    if (value === undefined || candidates.length >= MAX_CANDIDATES) continue;
    const ctx = new EvalContext({ [field]: value });
    const masks = Uint8Array.from(leaves, (index) => leafMask(policy.leaves[index] as NonNullable<Policy['leaves'][number]>, value, ctx));
    const key = [...masks].join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push({ value, merged: k >= singles, masks });
  }
  return { field, leaves, current, candidates };
}

/** Words to add and list edits combine two at a time: one change to the field either way. */
function merged(edits: readonly Edit[]): Edit[] {
  const out: Edit[] = [];
  for (let i = 0; i < edits.length; i++) {
    for (let j = i + 1; j < edits.length; j++) {
      const a = edits[i] as Edit;
      const b = edits[j] as Edit;
      if (a.kind === 'append' && b.kind === 'append') out.push({ kind: 'append', words: [...a.words, ...b.words] });
      if (a.kind === 'edit-list' && b.kind === 'edit-list') out.push({ kind: 'edit-list', add: [...a.add, ...b.add], remove: [...a.remove, ...b.remove] });
    }
  }
  return out;
}

/** The value after an edit, or undefined when the edit makes no sense for it. */
function applyEdit(current: FieldValue, edit: Edit, spec: FieldSpec, named: readonly string[]): Known | undefined {
  switch (edit.kind) {
    case 'set':
      return edit.value;
    case 'append': {
      const text = typeof current === 'string' ? current.trimEnd() : '';
      const added = edit.words.join(', ');
      return text === '' ? added : `${text} ${added}`;
    }
    case 'edit-list': {
      const list = Array.isArray(current) ? [...(current as string[])] : [];
      const kept = list.filter((v) => !edit.remove.includes(v));
      for (const v of edit.add) if (!kept.includes(v) && !edit.remove.includes(v)) kept.push(v);
      return kept;
    }
    case 'size': {
      const list = Array.isArray(current) ? [...(current as string[])] : [];
      if (list.length > edit.size) return list.slice(0, edit.size);
      const pool = [...(spec.values ?? []), ...named].filter((v, k, all) => all.indexOf(v) === k);
      for (const v of pool) if (list.length < edit.size && !list.includes(v)) list.push(v);
      for (let n = 1; list.length < edit.size; n++) if (!list.includes(`other-${n}`)) list.push(`other-${n}`);
      return list;
    }
  }
}

/** The string values the field's tests compare with, lower-cased as lists hold them. */
function namedValues(policy: Policy, leaves: readonly number[]): string[] {
  const named = new Set<string>();
  for (const index of leaves) {
    const leaf = policy.leaves[index];
    if (!leaf) continue;
    for (const { value } of leaf.operator.expected(leaf.arg)) if (typeof value === 'string') named.add(value.toLowerCase());
  }
  return [...named];
}

/** Every way to choose `size` of `n` indexes, in order. */
function* combinations(n: number, size: number): Generator<number[]> {
  const pick = Array.from({ length: size }, (_, k) => k);
  while (true) {
    yield [...pick];
    let k = size - 1;
    while (k >= 0 && pick[k] === n - size + k) k--;
    if (k < 0) return;
    (pick[k] as number)++;
    for (let j = k + 1; j < size; j++) pick[j] = (pick[j - 1] as number) + 1;
  }
}

/** Every tuple of indexes below the given counts. */
function* products(counts: readonly number[]): Generator<number[]> {
  const at = counts.map(() => 0);
  if (counts.some((c) => c === 0)) return;
  while (true) {
    yield [...at];
    let k = counts.length - 1;
    while (k >= 0 && at[k] === (counts[k] as number) - 1) {
      at[k] = 0;
      k--;
    }
    if (k < 0) return;
    (at[k] as number)++;
  }
}
