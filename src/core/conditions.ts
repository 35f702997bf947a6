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
import { Vocabulary, indexWords, tokenize, type WordIndex } from './words.js';

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

/** What a condition is evaluated against: one item's values, and what was computed from them. */
export class EvalContext {
  // The words of text fields, found once per item. Most policies read one text field, so
  // the first is kept in plain properties; a Map per item only for more.
  private wordsField: string | undefined;
  private wordsVocabulary: Vocabulary | undefined;
  private wordsIndex: WordIndex | undefined;
  private moreWords: Map<string, { vocabulary: Vocabulary; index: WordIndex }> | undefined;

  constructor(
    readonly values: Readonly<Record<string, FieldValue>>,
    public computed: Readonly<Record<string, FieldValue>> = {},
  ) {}

  get(field: string, computed: boolean): FieldValue {
    return computed ? this.computed[field] : this.values[field];
  }

  /** The vocabulary words of a text field, found once per item and cached. */
  wordsOf(field: string, text: string, vocabulary: Vocabulary): WordIndex {
    if (this.wordsField === field && this.wordsVocabulary === vocabulary) return this.wordsIndex as WordIndex;
    if (this.wordsField === undefined) {
      this.wordsField = field;
      this.wordsVocabulary = vocabulary;
      this.wordsIndex = indexWords(text, vocabulary);
      return this.wordsIndex;
    }
    this.moreWords ??= new Map();
    let cached = this.moreWords.get(field);
    if (cached === undefined || cached.vocabulary !== vocabulary) {
      cached = { vocabulary, index: indexWords(text, vocabulary) };
      this.moreWords.set(field, cached);
    }
    return cached.index;
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

export { tokenize };

export { Vocabulary };

/**
 * Compile a condition into a predicate. Validation has already checked its shape. Conditions
 * of one policy share a vocabulary, so a text's words are looked up once per item for all.
 */
export function compileCondition(condition: Condition, vocabulary: Vocabulary = new Vocabulary()): CompiledCondition {
  const compile = (part: Condition): CompiledCondition => compileCondition(part, vocabulary);
  if ('all' in condition) return compileAll(condition.all.map(compile));
  if ('any' in condition) return compileAny(condition.any.map(compile));
  if ('not' in condition) return compileNot(compile(condition.not));
  return compileLeaf(condition, vocabulary);
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

function compileLeaf(leaf: LeafCondition, vocabulary: Vocabulary): CompiledCondition {
  const { field } = leaf;
  const computed = COMPUTED.has(field);
  const op = leafOperator(leaf);
  const { test, describe, seen } = leafTest(leaf, op, vocabulary);
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

function leafTest(leaf: LeafCondition, op: LeafOperator, vocabulary: Vocabulary): LeafTest {
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
        test: (value) => (Array.isArray(value) ? includesAll(value, expected) : null),
        describe: `${field} includes ${expected.join(' and ')}`,
      };
    }
    case 'includesAny': {
      const expected = (leaf.includesAny ?? []).map(lower);
      return {
        test: (value) => (Array.isArray(value) ? includesSome(value, expected) : null),
        describe: `${field} includes any of ${expected.join(', ')}`,
      };
    }
    case 'mentions':
      return compileMentions(field, leaf.mentions ?? [], vocabulary);
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

// Plain loops: these run for every item, and a callback per call would allocate a closure.
function includesAll(list: readonly string[], expected: readonly string[]): boolean {
  for (const value of expected) if (!list.includes(value)) return false;
  return true;
}

function includesSome(list: readonly string[], expected: readonly string[]): boolean {
  for (const value of expected) if (list.includes(value)) return true;
  return false;
}

const SHOWN_KEYWORDS = 4;

function compileMentions(field: string, keywords: readonly string[], vocabulary: Vocabulary): LeafTest {
  // The vocabulary answers for every keyword set while it indexes a text, in one pass.
  const set = vocabulary.addKeywords(keywords.map(tokenize));
  const test: Test = (value, ctx) =>
    typeof value === 'string' ? vocabulary.mentions(ctx.wordsOf(field, value, vocabulary), set) : null;
  const seen = (value: Exclude<FieldValue, undefined>, ctx: EvalContext): string => {
    if (typeof value !== 'string') return describeValue(value);
    const keywordsFound = vocabulary.keywordsFound(ctx.wordsOf(field, value, vocabulary), set).map((k) => keywords[k] as string);
    return keywordsFound.length > 0 ? `found ${keywordsFound.map((k) => `"${k}"`).join(', ')}` : 'none found';
  };
  const shown = keywords.slice(0, SHOWN_KEYWORDS).map((k) => `"${k}"`).join(', ');
  const more = keywords.length > SHOWN_KEYWORDS ? ` or ${keywords.length - SHOWN_KEYWORDS} more` : '';
  return { test, seen, describe: `${field} mentions ${shown}${more}` };
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
