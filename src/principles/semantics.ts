/**
 * Checks a schema cannot express: unique ids, routes and fields that exist, operators that
 * suit the field they test, thresholds in order. Pure: works on the parsed data and reports
 * paths, which the loader turns into positions.
 */
import { CLASSIFICATIONS, COMPUTED_FIELDS, COMPUTED_FIELD_TYPES, RESERVED_RULE_IDS, REVIEW_ROUTE, isComputedField } from '../core/domain.js';
import { operatorNamed, operators, operatorsFor, type Operator } from '../core/operators.js';
import type { Condition, FieldSpec, LeafCondition, PrincipleSet } from '../core/types.js';
import { holdsControl, printable } from '../core/printable.js';
import { MAX_KEYWORD_WORDS, MAX_KEYWORDS, sentences } from '../core/words.js';
import type { Severity } from '../findings.js';
import type { RuleId } from '../rule-ids.js';
import type { DataPath } from './paths.js';

export type Path = DataPath;

export interface SemanticProblem {
  ruleId: RuleId;
  severity: Severity;
  path: Path;
  atKey?: boolean;
  message: string;
  related?: Array<{ path: Path; message: string }>;
}

/** Fields every item has, whether or not the set declares them. */
const BUILT_IN_FIELDS: Record<string, FieldSpec> = {
  id: { type: 'string' },
  title: { type: 'string' },
};


/** Ids that name built-in properties of JavaScript objects (`__proto__` cannot match the id pattern). */
const RESERVED_IDS: ReadonlySet<string> = new Set(['constructor', 'prototype']);

/** All semantic problems of a schema-valid principle set. */
export function checkSemantics(set: PrincipleSet): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  checkUniqueIds(set, problems);
  checkFields(set, problems);
  checkTotals(set, problems);
  checkRoutes(set, problems);
  checkThresholds(set, problems);
  checkCapacity(set, problems);
  checkText(set, [], problems);
  const fields = { ...set.fields, ...BUILT_IN_FIELDS };
  const keywords = { count: 0 };
  set.principles.forEach((principle, p) =>
    principle.criteria.forEach((criterion, c) =>
      checkCondition(criterion.when, ['principles', p, 'criteria', c, 'when'], fields, false, problems, keywords),
    ),
  );
  set.transformation.signals.forEach((signal, s) =>
    checkCondition(signal.when, ['transformation', 'signals', s, 'when'], fields, false, problems, keywords),
  );
  set.routing.rules.forEach((rule, r) =>
    checkCondition(rule.when, ['routing', 'rules', r, 'when'], fields, true, problems, keywords),
  );
  return problems;
}

function checkUniqueIds(set: PrincipleSet, problems: SemanticProblem[]): void {
  const groups: Array<{ what: string; entries: Array<{ id: string; path: Path }> }> = [
    { what: 'route', entries: set.routes.map((r, i) => ({ id: r.id, path: ['routes', i, 'id'] })) },
    { what: 'principle', entries: set.principles.map((p, i) => ({ id: p.id, path: ['principles', i, 'id'] })) },
    {
      // Criterion ids are unique across the whole set: interactive answers are keyed by them.
      what: 'criterion',
      entries: set.principles.flatMap((p, i) =>
        p.criteria.map((c, j) => ({ id: c.id, path: ['principles', i, 'criteria', j, 'id'] as Path })),
      ),
    },
    {
      what: 'signal',
      entries: set.transformation.signals.map((s, i) => ({ id: s.id, path: ['transformation', 'signals', i, 'id'] })),
    },
    { what: 'rule', entries: set.routing.rules.map((r, i) => ({ id: r.id, path: ['routing', 'rules', i, 'id'] })) },
  ];
  for (const { what, entries } of groups) {
    const first = new Map<string, Path>();
    for (const { id, path } of entries) {
      if (RESERVED_IDS.has(id)) {
        problems.push({
          ruleId: 'principles/schema',
          severity: 'error',
          path,
          message: `${what} id "${id}" is reserved: ids become keys (a decision's answers, the JSON summary), where "${id}" is a built-in name; choose another id`,
        });
      }
      if (what === 'rule' && RESERVED_RULE_IDS.includes(id)) {
        problems.push({
          ruleId: 'principles/schema',
          severity: 'error',
          path,
          message: `rule id "${id}" is reserved: the tool itself reports "${id}" as an assessment's rule (${RESERVED_RULE_IDS.join(', ')}); choose another id`,
        });
      }
      const earlier = first.get(id);
      if (earlier) {
        problems.push({
          ruleId: 'principles/duplicate-id',
          severity: 'error',
          path,
          message: `${what} id "${id}" is used twice: give each ${what} its own id`,
          related: [{ path: earlier, message: `first ${what} "${id}"` }],
        });
      } else {
        first.set(id, path);
      }
    }
  }
}

/**
 * Text with control characters (an escape sequence, a carriage return, a bidirectional
 * control): a principle set's titles, labels and reasons are shown on terminals, coloured, so
 * they must be plain text. Tabs and line feeds are fine.
 */
function checkText(value: unknown, path: Path, problems: SemanticProblem[]): void {
  if (typeof value === 'string') {
    // Only what acts on a terminal is refused: invisible characters (a soft hyphen, a
    // zero-width space) are shown escaped wherever the text is printed, colour or not.
    if (holdsControl(value)) {
      const shown = printable(value, { lines: true });
      problems.push({
        ruleId: 'principles/schema',
        severity: 'error',
        path,
        message: `this text holds a control character (shown escaped: "${shown.slice(0, 60)}"); remove it, as it would act on the terminal that shows it`,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((entry, k) => checkText(entry, [...path, k], problems));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) checkText(entry, [...path, key], problems);
  }
}

/** Each total names a declared number field, once. */
function checkTotals(set: PrincipleSet, problems: SemanticProblem[]): void {
  const numeric = Object.entries(set.fields).filter(([, spec]) => spec.type === 'number' || spec.type === 'integer').map(([name]) => name);
  const choices = numeric.length > 0 ? `use one of ${numeric.join(', ')}` : 'declare a number field under fields first';
  const first = new Map<string, Path>();
  (set.totals ?? []).forEach((total, k) => {
    const path: Path = ['totals', k, 'field'];
    const spec = Object.hasOwn(set.fields, total.field) ? set.fields[total.field] : undefined;
    if (!spec) {
      problems.push({ ruleId: 'principles/unknown-field', severity: 'error', path, message: `totals: unknown field "${total.field}": declare it under fields as a number, or ${choices}` });
      return;
    }
    if (spec.type !== 'number' && spec.type !== 'integer') {
      problems.push({ ruleId: 'principles/field-spec', severity: 'error', path, message: `totals: "${total.field}" is a ${spec.type} field, and only number or integer fields can be totalled: ${choices}` });
      return;
    }
    const earlier = first.get(total.field);
    if (earlier) {
      problems.push({ ruleId: 'principles/duplicate-id', severity: 'error', path, message: `totals: "${total.field}" is totalled twice: list each field once`, related: [{ path: earlier, message: `first total of "${total.field}"` }] });
    } else first.set(total.field, path);
  });
}

function checkFields(set: PrincipleSet, problems: SemanticProblem[]): void {
  for (const [name, spec] of Object.entries(set.fields)) {
    const path: Path = ['fields', name];
    if (spec.type === 'enum' && !spec.values) {
      problems.push({
        ruleId: 'principles/field-spec',
        severity: 'error',
        path,
        message: `field "${name}" is an enum without values: list them under "values"`,
      });
    }
    if (spec.values && spec.type !== 'enum' && spec.type !== 'list') {
      problems.push({
        ruleId: 'principles/field-spec',
        severity: 'error',
        path: [...path, 'values'],
        message: `field "${name}" is a ${spec.type}, which takes no "values": remove them or make it an enum or list`,
      });
    }
    if ((spec.min !== undefined || spec.max !== undefined) && spec.type !== 'number' && spec.type !== 'integer') {
      problems.push({
        ruleId: 'principles/field-spec',
        severity: 'error',
        path,
        message: `field "${name}" is a ${spec.type}, which takes no "min" or "max": remove them or make it a number`,
      });
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      problems.push({
        ruleId: 'principles/field-spec',
        severity: 'error',
        path: [...path, 'min'],
        message: `field "${name}" has min ${spec.min} above max ${spec.max}: swap them`,
      });
    }
    if (spec.separator !== undefined && spec.type !== 'list') {
      problems.push({
        ruleId: 'principles/field-spec',
        severity: 'error',
        path: [...path, 'separator'],
        message: `field "${name}" is a ${spec.type}, which takes no "separator": remove it or make it a list`,
      });
    }
  }
}

function checkRoutes(set: PrincipleSet, problems: SemanticProblem[]): void {
  const declared = new Set(set.routes.map((r) => r.id));
  const known = [...declared].join(', ');
  set.routing.rules.forEach((rule, i) => {
    if (!declared.has(rule.route)) {
      problems.push({
        ruleId: 'principles/unknown-route',
        severity: 'error',
        path: ['routing', 'rules', i, 'route'],
        message: `rule "${rule.id}" sends work to route "${rule.route}", which is not declared: use one of ${known} or add it to routes`,
      });
    }
  });
  const fallback = set.routing.default;
  const route = typeof fallback === 'string' ? fallback : fallback.route;
  if (!declared.has(route)) {
    problems.push({
      ruleId: 'principles/unknown-route',
      severity: 'error',
      path: typeof fallback === 'string' ? ['routing', 'default'] : ['routing', 'default', 'route'],
      message: `the default route "${route}" is not declared: use one of ${known} or add it to routes`,
    });
  }
}

function checkThresholds(set: PrincipleSet, problems: SemanticProblem[]): void {
  const { transformational, businessAsUsual } = set.transformation.thresholds;
  if (businessAsUsual > transformational) {
    problems.push({
      ruleId: 'principles/thresholds-order',
      severity: 'error',
      path: ['transformation', 'thresholds', 'businessAsUsual'],
      message: `businessAsUsual (${businessAsUsual}) is above transformational (${transformational}): it must be at or below it`,
    });
  }
}

function checkCondition(
  condition: Condition,
  path: Path,
  fields: Record<string, FieldSpec>,
  routing: boolean,
  problems: SemanticProblem[],
  keywords: { count: number },
): void {
  if ('all' in condition) {
    condition.all.forEach((c, i) => checkCondition(c, [...path, 'all', i], fields, routing, problems, keywords));
  } else if ('any' in condition) {
    condition.any.forEach((c, i) => checkCondition(c, [...path, 'any', i], fields, routing, problems, keywords));
  } else if ('not' in condition) {
    checkCondition(condition.not, [...path, 'not'], fields, routing, problems, keywords);
  } else {
    if (condition.mentions !== undefined) checkKeywords(condition.mentions, [...path, 'mentions'], problems, keywords);
    checkLeaf(condition, path, fields, routing, problems);
  }
}

/**
 * The limits on `mentions` keywords the schema cannot count (words in a phrase, keywords in
 * the whole set), and keywords that can never match: with no word in them, or spanning the
 * end of a sentence, which a phrase never does.
 */
function checkKeywords(list: readonly string[], path: Path, problems: SemanticProblem[], keywords: { count: number }): void {
  list.forEach((keyword, k) => {
    const at: Path = [...path, k];
    keywords.count++;
    if (keywords.count === MAX_KEYWORDS + 1) {
      problems.push({
        ruleId: 'principles/schema',
        severity: 'error',
        path: at,
        message: `this is keyword ${keywords.count.toLocaleString('en-GB')} of the set's mentions tests, more than the ${MAX_KEYWORDS.toLocaleString('en-GB')} a principle set may have: remove keywords that say the same thing, or split the set`,
      });
    }
    const parts = sentences(keyword);
    const words = parts.reduce((sum, part) => sum + part.length, 0);
    const shown = printable(keyword.length > 60 ? `${keyword.slice(0, 59)}…` : keyword);
    if (words > MAX_KEYWORD_WORDS) {
      problems.push({
        ruleId: 'principles/schema',
        severity: 'error',
        path: at,
        message: `keyword "${shown}" has ${words} words, more than the ${MAX_KEYWORD_WORDS} a keyword may have: shorten the phrase`,
      });
    } else if (words === 0) {
      problems.push({
        ruleId: 'principles/keyword-never-matches',
        severity: 'warning',
        path: at,
        message: `keyword "${shown}" has no letter or digit, so it can never match: keywords are matched as whole words; write the word you mean, or remove it`,
      });
    } else if (parts.length > 1) {
      problems.push({
        ruleId: 'principles/keyword-never-matches',
        severity: 'warning',
        path: at,
        message: `keyword "${shown}" spans the end of a sentence (a line break, or . ! ? ; followed by a space), and a phrase only matches within one sentence, so it can never match: remove the punctuation, or make it two keywords`,
      });
    }
  });
}

function checkLeaf(
  leaf: LeafCondition,
  path: Path,
  fields: Record<string, FieldSpec>,
  routing: boolean,
  problems: SemanticProblem[],
): void {
  const key = Object.keys(leaf).find((k) => k !== 'field') as string;
  const operator = operatorNamed(key);
  if (!operator) {
    problems.push({
      ruleId: 'principles/schema',
      severity: 'error',
      path: [...path, key],
      atKey: true,
      message: `unknown operator "${key}": use one of ${operators().map((op) => op.name).join(', ')}`,
    });
    return;
  }
  const arg: unknown = (leaf as unknown as Record<string, unknown>)[key];
  const shape = operator.check(arg);
  if (shape !== undefined) {
    problems.push({ ruleId: 'principles/schema', severity: 'error', path: [...path, key], message: `"${key}" ${shape}, e.g. ${operator.example}` });
    return;
  }
  const computed = isComputedField(leaf.field);
  if (computed && !routing) {
    problems.push({
      ruleId: 'principles/unknown-field',
      severity: 'error',
      path: [...path, 'field'],
      message: `"${leaf.field}" is computed from criteria and signals, so only routing rules can test it`,
    });
    return;
  }
  const spec: FieldSpec | undefined = isComputedField(leaf.field)
    ? { type: COMPUTED_FIELD_TYPES[leaf.field], ...(leaf.field === 'classification' ? { values: [...CLASSIFICATIONS] } : {}) }
    : fields[leaf.field];
  if (!spec) {
    const names = Object.keys(fields).join(', ');
    problems.push({
      ruleId: 'principles/unknown-field',
      severity: 'error',
      path: [...path, 'field'],
      message: `unknown field "${leaf.field}": declare it under fields, or use one of ${names}${routing ? `, ${COMPUTED_FIELDS.join(', ')}` : ''}`,
    });
    return;
  }
  if (!operator.appliesTo.includes(spec.type)) {
    problems.push({
      ruleId: 'principles/operator-type',
      severity: 'error',
      path: [...path, key],
      atKey: true,
      message: `"${key}" does not apply to "${leaf.field}", a ${spec.type} field: use ${operatorsFor(spec.type).join(', ')}`,
    });
    return;
  }
  for (const ref of operator.references?.(arg) ?? []) checkReference(leaf, operator, ref, [...path, key, 'field'], fields, problems);
  checkValues(leaf, operator, arg, spec, path, problems);
}

/** A field a test compares with (`gt: { field: wlc_m }`) must be declared and suit the operator. */
function checkReference(leaf: LeafCondition, operator: Operator, ref: string, path: Path, fields: Record<string, FieldSpec>, problems: SemanticProblem[]): void {
  if (isComputedField(leaf.field) || isComputedField(ref)) {
    problems.push({ ruleId: 'principles/unknown-field', severity: 'error', path, message: `"${operator.name}" compares computed scores with numbers only, not with another field: use a number` });
    return;
  }
  const spec = fields[ref];
  if (!spec) {
    problems.push({ ruleId: 'principles/unknown-field', severity: 'error', path, message: `unknown field "${ref}" to compare with: declare it under fields, or use one of ${Object.keys(fields).join(', ')}` });
    return;
  }
  if (!operator.appliesTo.includes(spec.type)) {
    problems.push({ ruleId: 'principles/operator-type', severity: 'error', path, message: `"${leaf.field}" cannot be compared with "${ref}", ${/^[aeiou]/.test(spec.type) ? "an" : "a"} ${spec.type} field: "${operator.name}" compares numbers` });
  }
}

/** Expected values must be of the field's type, and among its allowed values when it has them. */
function checkValues(
  leaf: LeafCondition,
  operator: Operator,
  arg: unknown,
  spec: FieldSpec,
  path: Path,
  problems: SemanticProblem[],
): void {
  const op = operator.name;
  const wantType =
    spec.type === 'number' || spec.type === 'integer' ? 'number' : spec.type === 'boolean' ? 'boolean' : 'string';
  const allowed = spec.values?.map((v) => v.toLowerCase());
  operator.expected(arg).forEach(({ value, at: index }) => {
    const at: Path = index === undefined ? [...path, op] : [...path, op, index];
    if (typeof value !== wantType) {
      problems.push({
        ruleId: 'principles/operator-type',
        severity: 'error',
        path: at,
        message: `"${leaf.field}" is a ${spec.type} field, so it is never equal to ${JSON.stringify(value)}: give a ${wantType}`,
      });
    } else if (allowed && typeof value === 'string' && !allowed.includes(value.toLowerCase())) {
      problems.push({
        ruleId: 'principles/unknown-value',
        severity: 'error',
        path: at,
        message: `"${value}" is not an allowed value of "${leaf.field}": use one of ${spec.values?.join(', ')}`,
      });
    }
  });
}

/** Scores capacity selection may maximise. */
const VALUE_SCORES: readonly string[] = ['alignment', 'transformation', 'confidence'];

/**
 * The resourcing model: routes and fields that exist, number fields, positive limits, an
 * overflow route without a capacity of its own, and a value that is a score or number field.
 */
function checkCapacity(set: PrincipleSet, problems: SemanticProblem[]): void {
  const capacity = set.capacity;
  if (!capacity) return;
  const add = (path: Path, message: string, atKey = false): void => {
    problems.push({ ruleId: 'principles/capacity', severity: 'error', path: ['capacity', ...path], ...(atKey ? { atKey } : {}), message });
  };
  const declared = new Set(set.routes.map((r) => r.id));
  const known = [...declared].join(', ');
  const numeric = Object.entries(set.fields).filter(([, spec]) => spec.type === 'number' || spec.type === 'integer').map(([name]) => name);
  const numericText = numeric.length > 0 ? numeric.join(', ') : 'none are declared';
  const checkNumberField = (field: string, path: Path, what: string, atKey: boolean): void => {
    const spec = Object.hasOwn(set.fields, field) ? set.fields[field] : undefined;
    if (!spec) add(path, `${what} "${field}" is not a declared field: use a number field (${numericText}) or declare it`, atKey);
    else if (spec.type !== 'number' && spec.type !== 'integer') add(path, `${what} "${field}" is a ${spec.type} field; capacity adds numbers up, so use a number field (${numericText})`, atKey);
  };
  const overflow = capacity.overflow?.route ?? REVIEW_ROUTE;
  if (!declared.has(overflow)) {
    if (capacity.overflow?.route !== undefined) add(['overflow', 'route'], `overflow route "${overflow}" is not declared: use one of ${known}`);
    else add([], `work that does not fit goes to the "${REVIEW_ROUTE}" route, which is not declared: add "overflow: { route: ... }" naming one of ${known}`, true);
  }
  for (const [route, limits] of Object.entries(capacity.routes)) {
    if (!declared.has(route)) add(['routes', route], `route "${route}" is not declared: use one of ${known}`, true);
    if (route === overflow) add(['routes', route], `route "${route}" is where work that does not fit goes, so it cannot have a capacity itself: remove it here or choose another overflow route`, true);
    for (const [field, limit] of Object.entries(limits)) {
      checkNumberField(field, ['routes', route, field], 'capacity field', true);
      if (!(limit > 0) || !Number.isFinite(limit)) add(['routes', route, field], `the ${field} limit of "${route}" is ${limit}: a limit must be a positive number`);
    }
  }
  const value = capacity.value;
  if (typeof value === 'string') {
    if (!VALUE_SCORES.includes(value)) checkNumberField(value, ['value'], 'value', false);
  } else if (value) {
    value.sum.forEach((term, t) => {
      const path: Path = ['value', 'sum', t];
      if ((term.score === undefined) === (term.field === undefined)) add(path, 'a value term names either a "score" or a "field", not both or neither');
      else if (term.field !== undefined) checkNumberField(term.field, [...path, 'field'], 'value field', false);
    });
  }
}
