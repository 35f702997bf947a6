/**
 * What a leaf test requires of its field when it is true, as data: "known", "a number in
 * [2, 5]", "one of council, ccg", ... Routing analysis reasons with these without items;
 * each operator says which requirement its test makes.
 */
import type { Scalar } from './types.js';

/** A numeric interval; infinite ends are open. */
export interface Range {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

export type Literal =
  | { field: string; kind: 'known'; known: boolean }
  | { field: string; kind: 'range'; range: Range }
  | { field: string; kind: 'oneOf'; values: ReadonlySet<string> }
  | { field: string; kind: 'includesAll'; values: ReadonlySet<string> }
  | { field: string; kind: 'includesAny'; values: ReadonlySet<string> }
  | { field: string; kind: 'count'; range: Range }
  | { field: string; kind: 'mentions'; values: ReadonlySet<string> }
  /** A requirement not modelled (a negated keyword test, say): equal only to itself. */
  | { field: string; kind: 'opaque'; key: string };

export const EVERYTHING: Range = { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true };

/** Scalars compare as conditions compare them: text without case, numbers and booleans by value. */
export function scalarKey(value: Scalar): string {
  if (typeof value === 'string') return `s:${value.toLowerCase()}`;
  return `${typeof value === 'number' ? 'n' : 'b'}:${String(value)}`;
}

export function point(value: number): Range {
  return { lo: value, loOpen: false, hi: value, hiOpen: false };
}

/** The interval a comparison (`gt`, `gte`, `lt`, `lte`, a numeric `equals`) allows. */
export function comparisonRange(c: { equals?: unknown; gt?: number; gte?: number; lt?: number; lte?: number }): Range {
  let range = EVERYTHING;
  if (typeof c.equals === 'number') range = intersect(range, point(c.equals));
  if (c.gt !== undefined) range = intersect(range, { ...EVERYTHING, lo: c.gt, loOpen: true });
  if (c.gte !== undefined) range = intersect(range, { ...EVERYTHING, lo: c.gte, loOpen: false });
  if (c.lt !== undefined) range = intersect(range, { ...EVERYTHING, hi: c.lt, hiOpen: true });
  if (c.lte !== undefined) range = intersect(range, { ...EVERYTHING, hi: c.lte, hiOpen: false });
  return range;
}

/** The numbers both intervals allow. */
export function intersect(a: Range, b: Range): Range {
  const lo = a.lo > b.lo ? a : b.lo > a.lo ? b : { lo: a.lo, loOpen: a.loOpen || b.loOpen };
  const hi = a.hi < b.hi ? a : b.hi < a.hi ? b : { hi: a.hi, hiOpen: a.hiOpen || b.hiOpen };
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}

export function isEmptyRange(range: Range): boolean {
  return range.lo > range.hi || (range.lo === range.hi && (range.loOpen || range.hiOpen));
}

/** True when every number in `inner` is in `outer`. */
export function rangeWithin(inner: Range, outer: Range): boolean {
  if (isEmptyRange(inner)) return true;
  const loOk = inner.lo > outer.lo || (inner.lo === outer.lo && (!outer.loOpen || inner.loOpen));
  const hiOk = inner.hi < outer.hi || (inner.hi === outer.hi && (!outer.hiOpen || inner.hiOpen));
  return loOk && hiOk;
}

export function inRange(value: number, range: Range): boolean {
  return rangeWithin(point(value), range);
}

/** Values as list and keyword tests compare them: trimmed, lower case, single spaces. */
export function comparableSet(values: readonly string[]): Set<string> {
  return new Set(values.map((v) => v.trim().toLowerCase().replace(/\s+/g, ' ')));
}
