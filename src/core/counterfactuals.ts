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
import { EvalContext, F, Router, T, leafMask, possible, type Answers } from './evaluate.js';
import type { CandidateContext, Edit, Known } from './operators.js';
import type { Counterfactual, FieldSpec, FieldValue, WorkItem } from './types.js';

/** At most this many counterfactuals per route, all with the fewest changes that reach it. */
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
export function findCounterfactuals(policy: Policy, item: WorkItem, route: string, answers?: Answers, itemMasks?: Uint8Array): Counterfactual[] {
  const base = itemMasks?.slice() ?? itemLeaves(policy, item);
  const fields = [...policy.leavesByField.keys()].map((field) => candidatesFor(policy, field, item.values, base)).filter((f) => f.candidates.length > 0);
  // The search reads keyword tests on added words alone (see `additive`); each answer is
  // checked on the whole changed item, so what is reported is what a fresh score gives.
  return new Search(policy, base, fields, route, answers).run().filter((c) => confirmed(policy, item, c, answers));
}

function confirmed(policy: Policy, item: WorkItem, counterfactual: Counterfactual, answers: Answers | undefined): boolean {
  const values: Record<string, FieldValue> = { ...item.values };
  for (const change of counterfactual.changes) values[change.field] = change.to;
  const masks = itemLeaves(policy, { ...item, values });
  const router = new Router(policy, answers);
  const rule = router.decide(masks);
  return (rule >= 0 ? policy.rules[rule]?.route : policy.defaultRoute) === counterfactual.route;
}

/**
 * The search, over sets of fields by size and, within a set, over their candidates depth
 * first: after each field is given a value, the fields still to set are left free, and a
 * branch that cannot reach any wanted route whatever they become is cut.
 */
class Search {
  private readonly found = new Map<string, Counterfactual[]>();
  private readonly router: Router;
  private readonly scratch: Uint8Array;
  private readonly routeIds: readonly string[];
  /** Routes still wanted: not the item's own, not yet with PER_ROUTE answers, reachable at all. */
  private wanted: Set<string>;
  private work = 0;

  constructor(
    private readonly policy: Policy,
    private readonly base: Uint8Array,
    private readonly fields: readonly FieldCandidates[],
    route: string,
    private readonly answers: Answers | undefined,
  ) {
    this.router = new Router(policy, answers);
    this.scratch = base.slice();
    this.routeIds = policy.set.routes.map((r) => r.id);
    const reachable = this.open(fields);
    this.wanted = new Set(this.routeIds.filter((id) => id !== route && reachable.includes(id)));
  }

  run(): Counterfactual[] {
    const { fields } = this;
    for (let size = 1; size <= Math.min(MAX_CHANGES, fields.length); size++) {
      for (const chosen of combinations(fields.length, size)) {
        if (this.wanted.size === 0 || this.work >= WORK_BUDGET) return this.ordered();
        const group = chosen.map((k) => fields[k] as FieldCandidates);
        if (!this.mayReach(this.open(group))) continue;
        this.descend(group, 0, []);
        this.reset(group);
      }
      // Only the smallest changes are wanted: a route reached with this many is done.
      for (const id of this.found.keys()) this.wanted.delete(id);
    }
    return this.ordered();
  }

  /** Routes reachable from the item with the given fields free and the rest as in `scratch`. */
  private open(free: readonly FieldCandidates[]): string[] {
    const masks = this.scratch.slice();
    for (const f of free) for (const leaf of f.leaves) masks[leaf] = T | F;
    this.work++;
    return possible(this.policy, masks, this.answers).routes;
  }

  private mayReach(routes: readonly string[]): boolean {
    return routes.some((id) => this.wanted.has(id));
  }

  private descend(group: readonly FieldCandidates[], level: number, picks: number[]): void {
    const field = group[level] as FieldCandidates;
    const last = level === group.length - 1;
    for (let k = 0; k < field.candidates.length; k++) {
      if (this.wanted.size === 0 || this.work >= WORK_BUDGET) return;
      place(this.scratch, field, field.candidates[k] as Candidate);
      picks[level] = k;
      if (!last) {
        if (this.mayReach(this.open(group.slice(level + 1)))) this.descend(group, level + 1, picks);
        continue;
      }
      this.consider(group, picks);
    }
    restore(this.scratch, this.base, field);
  }

  /** Every field of the group has a candidate in `scratch`: keep it if it is new, wanted and minimal. */
  private consider(group: readonly FieldCandidates[], picks: readonly number[]): void {
    const rule = this.decide();
    const reached = rule >= 0 ? (this.policy.rules[rule] as { route: string; id: string }) : { route: this.policy.defaultRoute, id: DEFAULT_RULE_ID };
    if (!this.wanted.has(reached.route)) return;
    const { alignment, transformation } = this.router;
    const chosen = group.map((f, g) => f.candidates[picks[g] as number] as Candidate);
    const list = this.found.get(reached.route) ?? [];
    if (chosen.some((c) => c.merged) && list.some((c) => sameFields(c, group))) return;
    if (!this.minimal(group, chosen, reached.route)) return;
    list.push({
      route: reached.route,
      rule: reached.id,
      changes: group.map((f, g) => ({ field: f.field, from: f.current ?? null, to: (chosen[g] as Candidate).value })),
      alignment,
      transformation,
    });
    this.found.set(reached.route, list);
    if (list.length >= PER_ROUTE) this.wanted.delete(reached.route);
  }

  /** True when undoing any one change leaves the route other than `route`; `scratch` is left as it was. */
  private minimal(group: readonly FieldCandidates[], chosen: readonly Candidate[], route: string): boolean {
    if (group.length === 1) return true;
    let minimal = true;
    for (let g = 0; g < group.length && minimal; g++) {
      const field = group[g] as FieldCandidates;
      restore(this.scratch, this.base, field);
      if (this.routeOf(this.decide()) === route) minimal = false;
      place(this.scratch, field, chosen[g] as Candidate);
    }
    return minimal;
  }

  private decide(): number {
    this.work++;
    return this.router.decide(this.scratch);
  }

  private routeOf(rule: number): string {
    return rule >= 0 ? (this.policy.rules[rule] as { route: string }).route : this.policy.defaultRoute;
  }

  private reset(group: readonly FieldCandidates[]): void {
    for (const f of group) restore(this.scratch, this.base, f);
  }

  private ordered(): Counterfactual[] {
    const order = this.routeIds;
    return [...this.found.values()].flat().sort((a, b) => a.changes.length - b.changes.length || order.indexOf(a.route) - order.indexOf(b.route));
  }
}

function restore(masks: Uint8Array, base: Uint8Array, field: FieldCandidates): void {
  for (const leaf of field.leaves) masks[leaf] = base[leaf] as number;
}

function sameFields(found: Counterfactual, group: readonly FieldCandidates[]): boolean {
  return found.changes.length === group.length && group.every((f) => found.changes.some((c) => c.field === f.field));
}

function itemLeaves(policy: Policy, item: WorkItem): Uint8Array {
  const masks = new Uint8Array(policy.leaves.length);
  const ctx = new EvalContext(item.values);
  for (const index of policy.itemLeaves) {
    const leaf = policy.leaves[index];
    if (leaf) masks[index] = leafMask(leaf, item.values[leaf.field], ctx);
  }
  return masks;
}

function place(masks: Uint8Array, field: FieldCandidates, candidate: Candidate): void {
  field.leaves.forEach((leaf, k) => {
    masks[leaf] = candidate.masks[k] as number;
  });
}

/** The values worth trying for a field: each changes the outcome of at least one of its tests. */
function candidatesFor(policy: Policy, field: string, values: Readonly<Record<string, FieldValue>>, base: Uint8Array): FieldCandidates {
  const current = values[field];
  const leaves = policy.leavesByField.get(field) ?? [];
  const spec = policy.fields.get(field) as FieldSpec;
  const named = namedValues(policy, leaves);
  const context: CandidateContext = { spec, named, values };
  const edits: Edit[] = [];
  for (const index of leaves) {
    const leaf = policy.leaves[index];
    // A test that compares this field with another offers values of its own field only.
    if (leaf && leaf.field === field) edits.push(...leaf.operator.candidates(leaf.arg, current, context));
  }
  const seen = new Set<string>([signature(leaves.map((leaf) => base[leaf] as number))]);
  const candidates: Candidate[] = [];
  const effective: Edit[] = [];
  const tryEdit = (edit: Edit, merged: boolean): boolean => {
    if (candidates.length >= MAX_CANDIDATES) return false;
    const value = applyEdit(current, edit, spec, named);
    if (value === undefined) return false;
    const masks = outcomes(policy, leaves, field, values, edit, value, base);
    const key = signature(masks);
    if (seen.has(key)) return false;
    seen.add(key);
    candidates.push({ value, merged, masks });
    return true;
  };
  for (const edit of edits) if (tryEdit(edit, false)) effective.push(edit);
  // Two edits together only where each changes something on its own.
  for (const edit of merged(effective)) tryEdit(edit, true);
  return { field, leaves, current, candidates };
}

/** The outcomes of the field's leaves with its value changed by `edit`. */
function outcomes(
  policy: Policy,
  leaves: readonly number[],
  field: string,
  values: Readonly<Record<string, FieldValue>>,
  edit: Edit,
  value: Known,
  base: Uint8Array,
): Uint8Array {
  const current = values[field];
  const ctx = new EvalContext({ ...values, [field]: value });
  // Keyword tests on a text with words added: the text's outcome, or the added words' alone.
  const words = edit.kind === 'append' && typeof current === 'string' ? edit.words.join(', ') : undefined;
  const added = words === undefined ? undefined : new EvalContext({ [field]: words });
  const masks = new Uint8Array(leaves.length);
  leaves.forEach((index, k) => {
    const leaf = policy.leaves[index] as NonNullable<Policy['leaves'][number]>;
    masks[k] =
      added && leaf.operator.additive ? ((base[index] as number) === T ? T : leafMask(leaf, words, added)) : leafMask(leaf, ctx.get(leaf.field, false), ctx);
  });
  return masks;
}

function signature(masks: ArrayLike<number>): string {
  return String.fromCharCode(...Array.from(masks));
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
      // An empty list reads as unknown: not a fact one could write in.
      return kept.length > 0 ? kept : undefined;
    }
    case 'size': {
      if (edit.size === 0) return undefined;
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
