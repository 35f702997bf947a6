/**
 * The operators a leaf test can use, one entry each. Everything the tool knows about an
 * operator lives in its entry: the JSON Schema of its argument, which field types it suits,
 * how its argument is checked, how it is compiled into a test, how it reads in words (in
 * traces, `triage principles` and verdicts), the requirement it makes (routing analysis), and
 * which values would change its outcome (what-if analysis). Parsing, evaluation, the schema,
 * the docs and the analyses are all derived from this table, so an operator cannot be
 * half-known: adding one is adding an entry (see CONTRIBUTING.md).
 */
import { comparableSet, comparisonRange, point, scalarKey, type Literal } from './requirements.js';
import type { FieldSpec, FieldType, FieldValue, Scalar, Tri } from './types.js';
import { type Vocabulary, tokenize, type WordIndex } from './words.js';

/** A value that is known (not `undefined`). */
export type Known = Exclude<FieldValue, undefined>;

/** What a compiled test may ask of the item beyond the value: the words of its texts, found once. */
export interface TestContext {
  wordsOf(field: string, text: string, vocabulary: Vocabulary): WordIndex;
  /** Another value of the same item, for tests that compare two fields. */
  get(field: string, computed: boolean): FieldValue;
}

/** An operator's test, compiled once: expected values prepared, keywords registered. */
export interface LeafTest {
  /**
   * The test on a value; `null` when the value is of a kind it cannot test. Only operators
   * that test whether a value is known (`testsUnknown`) are given an unknown value.
   */
  test(value: FieldValue, ctx: TestContext): Tri;
  /** What the test saw, in words, where the plain value would say too much (a long text). */
  seen?(value: Known, ctx: TestContext): string;
}

/**
 * A change to a field's value that may change a test's outcome, relative to the item's value:
 * a value to set, words to add to a text, entries to add to or remove from a list, or a list
 * length to reach. Edits of the same kind on one field can be combined into one change.
 */
export type Edit =
  | { kind: 'set'; value: Known }
  | { kind: 'append'; words: readonly string[] }
  | { kind: 'edit-list'; add: readonly string[]; remove: readonly string[] }
  | { kind: 'size'; size: number };

/** What an operator's candidates may draw on besides its argument. */
export interface CandidateContext {
  spec: FieldSpec;
  /** The item's values, for tests that compare with another field. */
  values: Readonly<Record<string, FieldValue>>;
  /** List entries and scalar values the policy's tests on this field name: material for edits. */
  named: readonly string[];
}

export interface Operator<A = unknown> {
  readonly name: string;
  /** One line for the docs: what it tests. */
  readonly summary: string;
  /** A leaf using it, as YAML flow, for the docs and messages. */
  readonly example: string;
  /** Field types it suits; a test on another type is refused when the set is loaded. */
  readonly appliesTo: readonly FieldType[];
  /** JSON Schema of the argument, for `principles/schema.json` (editors) and the docs. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** True when the test is about whether the value is known, so it decides on unknown values. */
  readonly testsUnknown?: boolean;
  /**
   * True for a text test that holds for a text with words added exactly when it holds for the
   * text or for the added words alone (keyword tests): what-if analysis then need not read
   * the whole text again for every candidate.
   */
  readonly additive?: boolean;
  /** A message when the argument is not of the right shape; `undefined` when it is. */
  check(arg: unknown): string | undefined;
  /** Values the argument compares with, checked against the field's type and allowed values. */
  expected(arg: A): ReadonlyArray<{ value: unknown; at?: number }>;
  /**
   * Other item fields the test reads besides its own (`{ field: a, gt: { field: b } }` reads
   * b too): the loader checks they exist and suit the operator, and a missing one makes the
   * test unknown.
   */
  references?(arg: A): readonly string[];
  compile(field: string, arg: A, vocabulary: Vocabulary): LeafTest;
  /** The test in words: `effort_weeks <= 2`. */
  describe(field: string, arg: A): string;
  /** The outcome in words for a value: `effort_weeks 1 is at most 2`, `lead is ccg, not council`. */
  verdict(field: string, arg: A, value: FieldValue, result: Tri, ctx?: TestContext): string;
  /** The requirement the test makes when true. */
  literal(field: string, arg: A): Literal;
  /** Edits near `current` after which the test may give another outcome. */
  candidates(arg: A, current: FieldValue, context: CandidateContext): Edit[];
}

// ---------------------------------------------------------------------------
// The registry.

const REGISTRY = new Map<string, Operator>();

/** Add an operator to the table (the built-in ones below, or an embedder's own). */
export function registerOperator<A>(operator: Operator<A>): Operator<A> {
  if (REGISTRY.has(operator.name) || operator.name === 'field' || RESERVED_KEYS.has(operator.name)) {
    throw new Error(`an operator named "${operator.name}" already exists`);
  }
  REGISTRY.set(operator.name, operator);
  return operator;
}

/** Keys of a condition that are not operators. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['all', 'any', 'not']);

/** Every operator, in the order they were registered. */
export function operators(): readonly Operator[] {
  return [...REGISTRY.values()];
}

export function operatorNamed(name: string): Operator | undefined {
  return REGISTRY.get(name);
}

/** A leaf's operator and argument: the one key besides `field` that names an operator. */
export function leafOperator(leaf: { field: string }): { operator: Operator; arg: unknown } {
  for (const [key, arg] of Object.entries(leaf)) {
    if (key === 'field') continue;
    const operator = REGISTRY.get(key);
    if (operator) return { operator, arg };
  }
  throw new Error(`condition on "${leaf.field}" has no operator`);
}

/** Operator names suiting a field type, for messages. */
export function operatorsFor(type: FieldType): string[] {
  return operators()
    .filter((op) => op.appliesTo.includes(type))
    .map((op) => op.name);
}

// ---------------------------------------------------------------------------
// Shared pieces.

const SCALAR_TYPES: readonly FieldType[] = ['string', 'text', 'enum', 'number', 'integer', 'boolean'];
const NUMBER_TYPES: readonly FieldType[] = ['number', 'integer'];
const ALL_TYPES: readonly FieldType[] = [...SCALAR_TYPES, 'list'];

const SCALAR_SCHEMA = { $ref: '#/definitions/scalar' };
const wordsSchema = (max: number): Record<string, unknown> => ({ type: 'array', minItems: 1, maxItems: max, items: { $ref: '#/definitions/word' } });

function isScalar(value: unknown): value is Scalar {
  return (typeof value === 'string' && value.length <= 200) || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

function checkScalar(arg: unknown): string | undefined {
  return isScalar(arg) ? undefined : 'must be a string (at most 200 characters), a number or true/false';
}

function checkNumber(arg: unknown): string | undefined {
  return typeof arg === 'number' && Number.isFinite(arg) ? undefined : 'must be a number';
}

function checkList(arg: unknown, max: number, item: (value: unknown) => boolean, what: string): string | undefined {
  if (!Array.isArray(arg)) return `must be a list of ${what}`;
  if (arg.length === 0) return 'needs at least 1 entry';
  if (arg.length > max) return `has more than ${max} entries`;
  return arg.every(item) ? undefined : `must be a list of ${what}`;
}

const isWord = (value: unknown): boolean => typeof value === 'string' && value.length >= 1 && value.length <= 200;

function describeScalar(value: Scalar): string {
  return String(value);
}

/** A value in words, short: long texts are cut, lists joined. */
export function describeValue(value: FieldValue, max = 60): string {
  if (value === undefined) return 'unknown';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'string') {
    const flat = value.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `"${flat.slice(0, max - 1)}…"` : `"${flat}"`;
  }
  return String(value);
}

/** `field is unknown`, the verdict of any test on a value that is missing. */
function unknown(field: string): string {
  return `${field} is unknown`;
}

/** A number one step past a bound, inside the field's declared range; undefined when there is none. */
function within(spec: FieldSpec, value: number): number | undefined {
  if (spec.min !== undefined && value < spec.min) return undefined;
  if (spec.max !== undefined && value > spec.max) return undefined;
  return value;
}

function numberEdits(spec: FieldSpec, values: ReadonlyArray<number>): Edit[] {
  const edits: Edit[] = [];
  for (const v of values) {
    const value = within(spec, v);
    if (value !== undefined) edits.push({ kind: 'set', value });
  }
  return edits;
}

// ---------------------------------------------------------------------------
// Comparisons with a number: gt, gte, lt, lte.

type Bound = 'gt' | 'gte' | 'lt' | 'lte';

const BOUND_WORDS: Record<Bound, { sign: string; yes: string; no: string }> = {
  gt: { sign: '>', yes: 'is above', no: 'is at most' },
  gte: { sign: '>=', yes: 'is at least', no: 'is below' },
  lt: { sign: '<', yes: 'is below', no: 'is at least' },
  lte: { sign: '<=', yes: 'is at most', no: 'is above' },
};

function passes(bound: Bound, n: number, limit: number): boolean {
  switch (bound) {
    case 'gt':
      return n > limit;
    case 'gte':
      return n >= limit;
    case 'lt':
      return n < limit;
    case 'lte':
      return n <= limit;
  }
}

/** Values either side of a bound: the one that passes and the one that fails, a step apart. */
function aroundBound(bound: Bound, limit: number, step: number): number[] {
  switch (bound) {
    case 'gt':
      return [limit + step, limit];
    case 'gte':
      return [limit, limit - step];
    case 'lt':
      return [limit - step, limit];
    case 'lte':
      return [limit, limit + step];
  }
}

/** The step either side of a bound: numbers are compared on whole units. */
const STEP = 1;

/** What a comparison compares with: a number, or another numeric field of the item. */
export type Limit = number | { field: string };

function isFieldRef(limit: unknown): limit is { field: string } {
  return (
    limit !== null &&
    typeof limit === 'object' &&
    !Array.isArray(limit) &&
    Object.keys(limit).length === 1 &&
    typeof (limit as { field?: unknown }).field === 'string'
  );
}

function comparison(bound: Bound): Operator<Limit> {
  const words = BOUND_WORDS[bound];
  const limitText = (limit: Limit): string => (typeof limit === 'number' ? String(limit) : limit.field);
  return {
    name: bound,
    summary: `a number ${words.yes.replace('is ', '')} the given number, or another numeric field's value (${words.sign})`,
    example: `{ field: effort_weeks, ${bound}: 12 }`,
    appliesTo: NUMBER_TYPES,
    schema: {
      anyOf: [
        { type: 'number' },
        { type: 'object', required: ['field'], additionalProperties: false, properties: { field: { $ref: '#/definitions/fieldName' } } },
      ],
    },
    check: (arg) => (isFieldRef(arg) ? undefined : checkNumber(arg) && 'must be a number, or { field: <a numeric field> }'),
    expected: () => [],
    references: (limit) => (typeof limit === 'number' ? [] : [limit.field]),
    compile: (_field, limit) => {
      if (typeof limit === 'number') return { test: (value) => (typeof value === 'number' ? passes(bound, value, limit) : null) };
      return {
        test: (value, ctx) => {
          const other = ctx.get(limit.field, false);
          return typeof value === 'number' && typeof other === 'number' ? passes(bound, value, other) : null;
        },
      };
    },
    describe: (field, limit) => `${field} ${words.sign} ${limitText(limit)}`,
    verdict: (field, limit, value, result, ctx) => {
      if (typeof limit === 'number')
        return result === null || value === undefined ? unknown(field) : `${field} ${describeValue(value)} ${result ? words.yes : words.no} ${limit}`;
      if (value === undefined) return unknown(field);
      const other = ctx?.get(limit.field, false);
      if (result === null || other === undefined) return unknown(limit.field);
      return `${field} ${describeValue(value)} ${result ? words.yes : words.no} ${limit.field} ${describeValue(other)}`;
    },
    literal: (field, limit) =>
      typeof limit === 'number'
        ? { field, kind: 'range', range: comparisonRange({ [bound]: limit }) }
        : { field, kind: 'opaque', key: `${bound} field ${limit.field}` },
    candidates: (limit, _current, { spec, values }) => {
      const other = typeof limit === 'number' ? limit : values[limit.field];
      return typeof other === 'number' ? numberEdits(spec, aroundBound(bound, other, STEP)) : [];
    },
  };
}

// ---------------------------------------------------------------------------
// Comparisons of list length: count.

interface CountArg {
  equals?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

const COUNT_KEYS = ['equals', 'gt', 'gte', 'lt', 'lte'] as const;

/** `at most 1`, `at least 2 and below 5`, for verdicts. */
function countPhrase(arg: CountArg): string {
  const parts: string[] = [];
  if (arg.equals !== undefined) parts.push(`exactly ${arg.equals}`);
  for (const bound of ['gt', 'gte', 'lt', 'lte'] as const)
    if (arg[bound] !== undefined) parts.push(`${BOUND_WORDS[bound].yes.replace('is ', '')} ${arg[bound]}`);
  return parts.join(' and ');
}

function countWords(arg: CountArg): string {
  const parts: string[] = [];
  if (arg.equals !== undefined) parts.push(`= ${arg.equals}`);
  for (const bound of ['gt', 'gte', 'lt', 'lte'] as const) if (arg[bound] !== undefined) parts.push(`${BOUND_WORDS[bound].sign} ${arg[bound]}`);
  return parts.join(' and ');
}

function countPasses(arg: CountArg, n: number): boolean {
  if (arg.equals !== undefined && n !== arg.equals) return false;
  for (const bound of ['gt', 'gte', 'lt', 'lte'] as const) {
    const limit = arg[bound];
    if (limit !== undefined && !passes(bound, n, limit)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Keyword tests: mentions.

const SHOWN_KEYWORDS = 4;

function compileMentions(field: string, keywords: readonly string[], vocabulary: Vocabulary): LeafTest {
  // The vocabulary answers for every keyword set while it indexes a text, in one pass.
  const set = vocabulary.addKeywords(keywords.map(tokenize));
  return {
    test: (value, ctx) => (typeof value === 'string' ? vocabulary.mentions(ctx.wordsOf(field, value, vocabulary), set) : null),
    seen: (value, ctx) => {
      if (typeof value !== 'string') return describeValue(value);
      const found = vocabulary.keywordsFound(ctx.wordsOf(field, value, vocabulary), set).map((k) => keywords[k] as string);
      return found.length > 0 ? `found ${found.map((k) => `"${k}"`).join(', ')}` : 'none found';
    },
  };
}

function keywordList(keywords: readonly string[]): string {
  const shown = keywords
    .slice(0, SHOWN_KEYWORDS)
    .map((k) => `"${k}"`)
    .join(', ');
  return `${shown}${keywords.length > SHOWN_KEYWORDS ? ` or ${keywords.length - SHOWN_KEYWORDS} more` : ''}`;
}

// ---------------------------------------------------------------------------
// List membership.

function listOf(value: FieldValue): string[] | null {
  return Array.isArray(value) ? (value as string[]) : null;
}

function lowered(values: readonly string[]): string[] {
  return values.map((v) => v.toLowerCase());
}

// ---------------------------------------------------------------------------
// The built-in operators.

export const equalsOperator = registerOperator<Scalar>({
  name: 'equals',
  summary: 'a value equal to the given one (text compared without case)',
  example: '{ field: lead, equals: council }',
  appliesTo: SCALAR_TYPES,
  schema: SCALAR_SCHEMA,
  check: checkScalar,
  expected: (arg) => [{ value: arg }],
  compile: (_field, arg) => {
    const expected = scalarKey(arg);
    return { test: (value) => (isScalar(value) ? scalarKey(value) === expected : false) };
  },
  describe: (field, arg) => `${field} = ${describeScalar(arg)}`,
  verdict: (field, arg, value, result) => {
    if (result === null || value === undefined) return unknown(field);
    if (typeof value === 'boolean') return `${field} is ${String(value)}`;
    return result ? `${field} is ${describeScalar(arg)}` : `${field} is ${describeValue(value)}, not ${describeScalar(arg)}`;
  },
  literal: (field, arg) =>
    typeof arg === 'number' ? { field, kind: 'range', range: point(arg) } : { field, kind: 'oneOf', values: new Set([scalarKey(arg)]) },
  candidates: (arg, _current, { spec }) => {
    if (typeof arg === 'boolean')
      return [
        { kind: 'set', value: arg },
        { kind: 'set', value: !arg },
      ];
    if (typeof arg === 'number') return numberEdits(spec, [arg, arg + STEP]);
    const others = (spec.values ?? []).filter((v) => v.toLowerCase() !== arg.toLowerCase());
    return [
      { kind: 'set', value: spec.values?.find((v) => v.toLowerCase() === arg.toLowerCase()) ?? arg },
      ...others.map((value) => ({ kind: 'set' as const, value })),
    ];
  },
});

export const inOperator = registerOperator<Scalar[]>({
  name: 'in',
  summary: 'a value equal to one of the given ones',
  example: '{ field: lead, in: [council, ccg] }',
  appliesTo: SCALAR_TYPES,
  schema: { type: 'array', minItems: 1, maxItems: 500, items: SCALAR_SCHEMA },
  check: (arg) => checkList(arg, 500, isScalar, 'strings, numbers or true/false'),
  expected: (arg) => arg.map((value, at) => ({ value, at })),
  compile: (_field, arg) => {
    const expected = new Set(arg.map(scalarKey));
    return { test: (value) => (isScalar(value) ? expected.has(scalarKey(value)) : false) };
  },
  describe: (field, arg) => `${field} is one of ${arg.map(describeScalar).join(', ')}`,
  verdict: (field, arg, value, result) =>
    result === null || value === undefined
      ? unknown(field)
      : result
        ? `${field} is ${describeValue(value)}, one of ${arg.map(describeScalar).join(', ')}`
        : `${field} is ${describeValue(value)}, none of ${arg.map(describeScalar).join(', ')}`,
  literal: (field, arg) => ({ field, kind: 'oneOf', values: new Set(arg.map(scalarKey)) }),
  candidates: (arg, _current, { spec }) => {
    const numbers = arg.filter((v): v is number => typeof v === 'number');
    if (numbers.length > 0) return numberEdits(spec, [...numbers, Math.max(...numbers) + STEP]);
    const keys = new Set(arg.map(scalarKey));
    const outside = (spec.values ?? []).filter((v) => !keys.has(scalarKey(v)));
    return [...arg.map((value) => ({ kind: 'set' as const, value })), ...outside.map((value) => ({ kind: 'set' as const, value }))];
  },
});

export const includesOperator = registerOperator<string[]>({
  name: 'includes',
  summary: 'a list holding every one of the given entries',
  example: '{ field: organisations, includes: [council, ccg] }',
  appliesTo: ['list'],
  schema: wordsSchema(100),
  check: (arg) => checkList(arg, 100, isWord, 'words of 1 to 200 characters'),
  expected: (arg) => arg.map((value, at) => ({ value, at })),
  compile: (_field, arg) => {
    const expected = lowered(arg);
    return {
      test: (value) => {
        const list = listOf(value);
        if (list === null) return null;
        for (const entry of expected) if (!list.includes(entry)) return false;
        return true;
      },
    };
  },
  describe: (field, arg) => `${field} includes ${lowered(arg).join(' and ')}`,
  verdict: (field, arg, value, result) => {
    if (result === null || value === undefined) return unknown(field);
    if (result) return `${field} include ${lowered(arg).join(' and ')}`;
    const list = Array.isArray(value) ? value : [];
    return `${field} lack ${lowered(arg)
      .filter((v) => !list.includes(v))
      .join(' and ')}`;
  },
  literal: (field, arg) => ({ field, kind: 'includesAll', values: comparableSet(arg) }),
  candidates: (arg) => [
    { kind: 'edit-list', add: lowered(arg), remove: [] },
    ...lowered(arg).map((v) => ({ kind: 'edit-list' as const, add: [], remove: [v] })),
  ],
});

export const includesAnyOperator = registerOperator<string[]>({
  name: 'includesAny',
  summary: 'a list holding at least one of the given entries',
  example: '{ field: organisations, includesAny: [acute-trust, voluntary-sector] }',
  appliesTo: ['list'],
  schema: wordsSchema(100),
  check: (arg) => checkList(arg, 100, isWord, 'words of 1 to 200 characters'),
  expected: (arg) => arg.map((value, at) => ({ value, at })),
  compile: (_field, arg) => {
    const expected = lowered(arg);
    return {
      test: (value) => {
        const list = listOf(value);
        if (list === null) return null;
        for (const entry of expected) if (list.includes(entry)) return true;
        return false;
      },
    };
  },
  describe: (field, arg) => `${field} includes any of ${lowered(arg).join(', ')}`,
  verdict: (field, arg, value, result) => {
    if (result === null || value === undefined) return unknown(field);
    const list = Array.isArray(value) ? value : [];
    return result
      ? `${field} include ${lowered(arg)
          .filter((v) => list.includes(v))
          .join(' and ')}`
      : `${field} include none of ${lowered(arg).slice(0, SHOWN_KEYWORDS).join(', ')}${arg.length > SHOWN_KEYWORDS ? ' …' : ''}`;
  },
  literal: (field, arg) => ({ field, kind: 'includesAny', values: comparableSet(arg) }),
  candidates: (arg) => [
    { kind: 'edit-list', add: [lowered(arg)[0] as string], remove: [] },
    { kind: 'edit-list', add: [], remove: lowered(arg) },
  ],
});

export const mentionsOperator = registerOperator<string[]>({
  name: 'mentions',
  summary: 'a text holding one of the given words or phrases, as whole words, without case',
  example: '{ field: description, mentions: [pilot, prototype, test and learn] }',
  appliesTo: ['text', 'string'],
  additive: true,
  schema: wordsSchema(500),
  check: (arg) => checkList(arg, 500, isWord, 'words or phrases of 1 to 200 characters'),
  expected: () => [],
  compile: (field, arg, vocabulary) => compileMentions(field, arg, vocabulary),
  describe: (field, arg) => `${field} mentions ${keywordList(arg)}`,
  verdict: (field, arg, value, result) =>
    result === null || value === undefined
      ? unknown(field)
      : result
        ? `${field} mentions one of ${keywordList(arg)}`
        : `${field} mentions none of ${keywordList(arg)}`,
  // Each keyword as the words it matches: `Self-care` and `self care` are one keyword.
  literal: (field, arg) => ({ field, kind: 'mentions', values: new Set(arg.map((k) => tokenize(k).join(' '))) }),
  // Words can be added to a text, not taken out of it.
  candidates: (arg) => [{ kind: 'append', words: [arg[0] as string] }],
});

export const gtOperator = registerOperator(comparison('gt'));
export const gteOperator = registerOperator(comparison('gte'));
export const ltOperator = registerOperator(comparison('lt'));
export const lteOperator = registerOperator(comparison('lte'));

export const existsOperator = registerOperator<boolean>({
  name: 'exists',
  summary: 'a value that is known (true) or unknown (false)',
  example: '{ field: owner, exists: true }',
  appliesTo: ALL_TYPES,
  schema: { type: 'boolean' },
  testsUnknown: true,
  check: (arg) => (typeof arg === 'boolean' ? undefined : 'must be true or false'),
  expected: () => [],
  compile: (_field, arg) => ({ test: (value) => (value !== undefined) === arg }),
  describe: (field, arg) => (arg ? `${field} is known` : `${field} is unknown`),
  verdict: (field, _arg, value) => (value === undefined ? `${field} is unknown` : `${field} is known`),
  literal: (field, arg) => ({ field, kind: 'known', known: arg }),
  // Facts are added, never forgotten: the only change is from unknown to known.
  candidates: (arg, current, { spec, named }) => (arg && current === undefined ? [placeholder(spec, named)] : []),
});

export const countOperator = registerOperator<CountArg>({
  name: 'count',
  summary: 'a list whose number of entries compares with the given numbers',
  example: '{ field: organisations, count: { lte: 1 } }',
  appliesTo: ['list'],
  schema: { $ref: '#/definitions/comparison' },
  check: (arg) => {
    if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return 'must be a mapping of equals, gt, gte, lt or lte to numbers';
    const keys = Object.keys(arg);
    if (keys.length === 0) return 'must compare with at least one number (equals, gt, gte, lt or lte)';
    const wrong = keys.find((k) => !(COUNT_KEYS as readonly string[]).includes(k));
    if (wrong !== undefined) return `has "${wrong}": use equals, gt, gte, lt or lte`;
    return keys.every((k) => checkNumber((arg as Record<string, unknown>)[k]) === undefined) ? undefined : 'must compare with numbers';
  },
  expected: () => [],
  compile: (_field, arg) => ({ test: (value) => (Array.isArray(value) ? countPasses(arg, value.length) : null) }),
  describe: (field, arg) => `number of ${field} ${countWords(arg)}`,
  verdict: (field, arg, value, result) =>
    result === null || value === undefined
      ? unknown(field)
      : `${field} has ${Array.isArray(value) ? value.length : 0} ${Array.isArray(value) && value.length === 1 ? 'entry' : 'entries'}${result ? ` (${countPhrase(arg)})` : `, not ${countPhrase(arg)}`}`,
  literal: (field, arg) => ({ field, kind: 'count', range: comparisonRange(arg) }),
  candidates: (arg) => {
    const sizes = new Set<number>();
    for (const key of COUNT_KEYS) {
      const limit = arg[key];
      if (limit === undefined) continue;
      const around = key === 'equals' ? [limit, limit + 1] : aroundBound(key, limit, 1);
      for (const size of around) if (size >= 0 && Number.isInteger(size)) sizes.add(size);
    }
    return [...sizes].map((size) => ({ kind: 'size' as const, size }));
  },
});

/** A stand-in for a fact that becomes known, of the field's type. */
function placeholder(spec: FieldSpec, named: readonly string[]): Edit {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return { kind: 'set', value: spec.min ?? 0 };
    case 'boolean':
      return { kind: 'set', value: true };
    case 'enum':
      return { kind: 'set', value: spec.values?.[0] ?? '' };
    case 'list':
      return { kind: 'edit-list', add: [spec.values?.[0] ?? named[0] ?? 'known'], remove: [] };
    default:
      return { kind: 'set', value: '(to be named)' };
  }
}
