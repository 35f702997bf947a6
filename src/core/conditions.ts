/**
 * Conditions are data. This module turns a condition (all / any / not and leaf tests)
 * into a predicate once, with every expected value prepared in advance, and can trace an
 * evaluation for explanations. Nothing here builds a regular expression from input or
 * evaluates code: keywords are matched as whole words against a token set.
 */
import type {
  Comparison,
  Condition,
  ConditionTrace,
  FieldValue,
  LeafCondition,
  Scalar,
  Tri,
} from './types.js';

/** Fields computed by the assessment that routing rules may test. */
export const COMPUTED_FIELDS = ['alignment', 'transformation', 'classification', 'confidence'] as const;
export type ComputedField = (typeof COMPUTED_FIELDS)[number];
const COMPUTED: ReadonlySet<string> = new Set(COMPUTED_FIELDS);

export const LEAF_OPERATORS = [
  'equals',
  'in',
  'includes',
  'includesAny',
  'mentions',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'count',
] as const;
export type LeafOperator = (typeof LEAF_OPERATORS)[number];

/** Words of a text, for whole-word, case-insensitive matching. */
interface WordIndex {
  set: ReadonlySet<string>;
  tokens: readonly string[];
}

/** What a condition is evaluated against: one item's values, and what was computed from them. */
export class EvalContext {
  private words: Map<string, WordIndex> | undefined;

  constructor(
    readonly values: Readonly<Record<string, FieldValue>>,
    public computed: Readonly<Record<string, FieldValue>> = {},
  ) {}

  get(field: string, computed: boolean): FieldValue {
    return computed ? this.computed[field] : this.values[field];
  }

  /** The words of a text field, split once per item and cached. */
  wordsOf(field: string, text: string): WordIndex {
    this.words ??= new Map();
    let index = this.words.get(field);
    if (index === undefined) {
      const tokens = tokenize(text);
      index = { set: new Set(tokens), tokens };
      this.words.set(field, index);
    }
    return index;
  }
}

export interface CompiledCondition {
  /** true, false, or null when a field it needs is unknown. */
  evaluate(ctx: EvalContext): Tri;
  /** The same evaluation, with every step in words. */
  trace(ctx: EvalContext): ConditionTrace;
  /** Every field the condition reads. */
  readonly fields: readonly string[];
}

// A fixed pattern, never built from input: anything that is not a letter or a digit separates words.
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** Lower-cased words of a text; punctuation and hyphens separate words. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(WORD_SEPARATOR).filter((word) => word.length > 0);
}

/** Compile a condition into a predicate. Validation has already checked its shape. */
export function compileCondition(condition: Condition): CompiledCondition {
  if ('all' in condition) return compileAll(condition.all.map(compileCondition));
  if ('any' in condition) return compileAny(condition.any.map(compileCondition));
  if ('not' in condition) return compileNot(compileCondition(condition.not));
  return compileLeaf(condition);
}

function compileAll(parts: CompiledCondition[]): CompiledCondition {
  const evaluate = (ctx: EvalContext): Tri => {
    let unknown = false;
    for (const part of parts) {
      const result = part.evaluate(ctx);
      if (result === false) return false;
      if (result === null) unknown = true;
    }
    return unknown ? null : true;
  };
  return {
    evaluate,
    trace: (ctx) => ({ test: 'all of', result: evaluate(ctx), children: parts.map((p) => p.trace(ctx)) }),
    fields: unique(parts.flatMap((p) => p.fields)),
  };
}

function compileAny(parts: CompiledCondition[]): CompiledCondition {
  const evaluate = (ctx: EvalContext): Tri => {
    let unknown = false;
    for (const part of parts) {
      const result = part.evaluate(ctx);
      if (result === true) return true;
      if (result === null) unknown = true;
    }
    return unknown ? null : false;
  };
  return {
    evaluate,
    trace: (ctx) => ({ test: 'any of', result: evaluate(ctx), children: parts.map((p) => p.trace(ctx)) }),
    fields: unique(parts.flatMap((p) => p.fields)),
  };
}

function compileNot(part: CompiledCondition): CompiledCondition {
  const evaluate = (ctx: EvalContext): Tri => {
    const result = part.evaluate(ctx);
    return result === null ? null : !result;
  };
  return {
    evaluate,
    trace: (ctx) => ({ test: 'not', result: evaluate(ctx), children: [part.trace(ctx)] }),
    fields: part.fields,
  };
}

/** The one operator of a leaf (validation guarantees exactly one). */
export function leafOperator(leaf: LeafCondition): LeafOperator {
  for (const op of LEAF_OPERATORS) if (leaf[op] !== undefined) return op;
  throw new Error(`condition on "${leaf.field}" has no operator`);
}

type Test = (value: Exclude<FieldValue, undefined>, ctx: EvalContext) => Tri;

function compileLeaf(leaf: LeafCondition): CompiledCondition {
  const { field } = leaf;
  const computed = COMPUTED.has(field);
  const op = leafOperator(leaf);
  const { test, describe, seen } = leafTest(leaf, op);
  const evaluate = (ctx: EvalContext): Tri => {
    const value = ctx.get(field, computed);
    if (op === 'exists') return (value !== undefined) === leaf.exists;
    if (value === undefined) return null;
    return test(value, ctx);
  };
  const actual = (ctx: EvalContext): string => {
    const value = ctx.get(field, computed);
    return value !== undefined && seen ? seen(value, ctx) : describeValue(value);
  };
  return {
    evaluate,
    trace: (ctx) => ({ test: describe, result: evaluate(ctx), actual: actual(ctx) }),
    fields: [field],
  };
}

interface LeafTest {
  test: Test;
  describe: string;
  /** What the test saw, when the plain value would say too much (long texts). */
  seen?: (value: Exclude<FieldValue, undefined>, ctx: EvalContext) => string;
}

function leafTest(leaf: LeafCondition, op: LeafOperator): LeafTest {
  const { field } = leaf;
  switch (op) {
    case 'equals': {
      const expected = scalarKey(leaf.equals as Scalar);
      return {
        test: (value) => (isScalar(value) ? scalarKey(value) === expected : false),
        describe: `${field} = ${describeScalar(leaf.equals as Scalar)}`,
      };
    }
    case 'in': {
      const expected = new Set((leaf.in ?? []).map(scalarKey));
      return {
        test: (value) => (isScalar(value) ? expected.has(scalarKey(value)) : false),
        describe: `${field} is one of ${(leaf.in ?? []).map(describeScalar).join(', ')}`,
      };
    }
    case 'includes': {
      const expected = (leaf.includes ?? []).map(lower);
      return {
        test: (value) => (Array.isArray(value) ? expected.every((v) => value.includes(v)) : null),
        describe: `${field} includes ${expected.join(' and ')}`,
      };
    }
    case 'includesAny': {
      const expected = (leaf.includesAny ?? []).map(lower);
      return {
        test: (value) => (Array.isArray(value) ? expected.some((v) => value.includes(v)) : null),
        describe: `${field} includes any of ${expected.join(', ')}`,
      };
    }
    case 'mentions':
      return compileMentions(field, leaf.mentions ?? []);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compileComparison(field, { [op]: leaf[op] }, (value) => (typeof value === 'number' ? value : null));
    case 'count':
      return compileComparison(`number of ${field}`, leaf.count ?? {}, (value) =>
        Array.isArray(value) ? value.length : null,
      );
    case 'exists':
      return { test: () => true, describe: leaf.exists ? `${field} is known` : `${field} is unknown` };
  }
}

const SHOWN_KEYWORDS = 4;

function compileMentions(field: string, keywords: readonly string[]): LeafTest {
  const singles = new Map<string, string>();
  const phrases: Array<{ words: string[]; keyword: string }> = [];
  for (const keyword of keywords) {
    const words = tokenize(keyword);
    if (words.length === 1) singles.set(words[0] as string, keyword);
    else if (words.length > 1) phrases.push({ words, keyword });
  }
  const test: Test = (value, ctx) => {
    if (typeof value !== 'string') return null;
    const index = ctx.wordsOf(field, value);
    for (const word of singles.keys()) if (index.set.has(word)) return true;
    for (const phrase of phrases) if (containsPhrase(index, phrase.words)) return true;
    return false;
  };
  const seen = (value: Exclude<FieldValue, undefined>, ctx: EvalContext): string => {
    if (typeof value !== 'string') return describeValue(value);
    const index = ctx.wordsOf(field, value);
    const found = [...singles].filter(([word]) => index.set.has(word)).map(([, keyword]) => keyword);
    for (const phrase of phrases) if (containsPhrase(index, phrase.words)) found.push(phrase.keyword);
    return found.length > 0 ? `found ${found.map((k) => `"${k}"`).join(', ')}` : 'none found';
  };
  const shown = keywords.slice(0, SHOWN_KEYWORDS).map((k) => `"${k}"`).join(', ');
  const more = keywords.length > SHOWN_KEYWORDS ? ` or ${keywords.length - SHOWN_KEYWORDS} more` : '';
  return { test, seen, describe: `${field} mentions ${shown}${more}` };
}

function containsPhrase(index: WordIndex, phrase: readonly string[]): boolean {
  for (const word of phrase) if (!index.set.has(word)) return false;
  const { tokens } = index;
  const last = tokens.length - phrase.length;
  for (let start = 0; start <= last; start++) {
    let k = 0;
    while (k < phrase.length && tokens[start + k] === phrase[k]) k++;
    if (k === phrase.length) return true;
  }
  return false;
}

function compileComparison(
  subject: string,
  comparison: Comparison,
  toNumber: (value: Exclude<FieldValue, undefined>) => number | null,
): LeafTest {
  const checks: Array<(n: number) => boolean> = [];
  const words: string[] = [];
  const { equals, gt, gte, lt, lte } = comparison;
  if (equals !== undefined) checks.push((n) => n === equals), words.push(`= ${equals}`);
  if (gt !== undefined) checks.push((n) => n > gt), words.push(`> ${gt}`);
  if (gte !== undefined) checks.push((n) => n >= gte), words.push(`>= ${gte}`);
  if (lt !== undefined) checks.push((n) => n < lt), words.push(`< ${lt}`);
  if (lte !== undefined) checks.push((n) => n <= lte), words.push(`<= ${lte}`);
  const test: Test = (value) => {
    const n = toNumber(value);
    if (n === null) return null;
    for (const check of checks) if (!check(n)) return false;
    return true;
  };
  return { test, describe: `${subject} ${words.join(' and ')}` };
}

function isScalar(value: FieldValue): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Strings compare case-insensitively; numbers and booleans by value and type. */
function scalarKey(value: Scalar): string {
  if (typeof value === 'string') return `s:${value.toLowerCase()}`;
  return `${typeof value === 'number' ? 'n' : 'b'}:${String(value)}`;
}

function lower(value: string): string {
  return value.toLowerCase();
}

function describeScalar(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}

const MAX_DESCRIBED = 60;

/** A value in words, for traces. */
export function describeValue(value: FieldValue): string {
  if (value === undefined) return 'unknown';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'string') {
    const flat = value.replace(/\s+/g, ' ').trim();
    return flat.length > MAX_DESCRIBED ? `"${flat.slice(0, MAX_DESCRIBED - 1)}…"` : `"${flat}"`;
  }
  return String(value);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
