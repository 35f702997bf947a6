/**
 * Every rule `triage validate` can report: a stable id, its severity, the kinds of file it
 * applies to and one line that says what it checks; with rule-help.ts, a full description and
 * help (how to fix it, an example). SARIF lists these as `tool.driver.rules`, JUnit turns them
 * into test cases, and the CI guide's rule list mirrors them (a test compares the two).
 */
import type { Severity } from '../findings.js';
import type { ItemFormat } from '../items/format.js';
import { RULE_IDS, type RuleId } from '../rule-ids.js';
import { RULE_HELP, type RuleHelp } from './rule-help.js';

export type { RuleId } from '../rule-ids.js';
import { COVERAGE_STEPS } from './coverage/budget.js';

/** What a file holds, told apart by content (or by `--principles`); `tests` files are `triage test`'s. */
export type FileKind = 'principles' | 'items' | 'decisions' | 'tests';

/** The formats validate reads: the item formats (principle sets and decisions are YAML). */
export type SourceFormat = ItemFormat;

interface RuleEntry {
  severity: Severity;
  /** The kinds of file the rule looks at. */
  kinds: readonly FileKind[];
  /** Only files written in one of these formats (all formats when absent). */
  formats?: readonly SourceFormat[];
  /** One line: what the rule checks. */
  description: string;
}

export interface RuleMeta extends RuleEntry, RuleHelp {
  id: RuleId;
}

const ALL: readonly FileKind[] = ['principles', 'items', 'decisions'];
const YAML_FILES = { kinds: ALL, formats: ['yaml'] as const };

const CATALOGUE: Readonly<Record<RuleId, RuleEntry>> = {
  'file/empty': { severity: 'error', kinds: ALL, description: 'The file is empty.' },
  'file/encoding': { severity: 'error', kinds: ALL, description: 'The file is not valid UTF-8.' },
  'file/too-large': { severity: 'error', kinds: ALL, description: 'The file is larger than the limit for its kind.' },
  'file/too-many-problems': {
    severity: 'error',
    kinds: ['items'],
    description: 'More than 1,000 problems in one item file: the first are listed, and checking stops.',
  },
  'yaml/syntax': { severity: 'error', ...YAML_FILES, description: 'YAML that cannot be parsed, or a YAML items file that is not a list of mappings.' },
  'yaml/duplicate-key': { severity: 'error', ...YAML_FILES, description: 'A key appears twice in one YAML mapping.' },
  'yaml/alias': { severity: 'error', ...YAML_FILES, description: 'A YAML alias (*name): refused, as aliases can expand without bound.' },
  'yaml/too-deep': { severity: 'error', ...YAML_FILES, description: 'YAML nested deeper than 64 levels.' },
  'yaml/forbidden-key': { severity: 'error', ...YAML_FILES, description: 'A key named __proto__, constructor or prototype.' },
  'csv/syntax': {
    severity: 'error',
    kinds: ['items'],
    formats: ['csv', 'tsv'],
    description: 'CSV that cannot be read: an unclosed quote, a row with the wrong number of fields, a bad header.',
  },
  'json/syntax': {
    severity: 'error',
    kinds: ['items'],
    formats: ['json', 'jsonl'],
    description: 'JSON that cannot be parsed, or that is not an array (or lines) of item objects.',
  },
  'xlsx/syntax': {
    severity: 'error',
    kinds: ['items'],
    formats: ['xlsx'],
    description: 'An Excel workbook that cannot be read: not a workbook, damaged, past a limit (zip bomb, shared-string bomb), no such sheet, no header row.',
  },
  'xlsx/error-value': {
    severity: 'warning',
    kinds: ['items'],
    formats: ['xlsx'],
    description: 'A workbook cell holding an error value (#N/A, #REF!, ...): read as empty.',
  },
  'xlsx/no-cached-value': {
    severity: 'warning',
    kinds: ['items'],
    formats: ['xlsx'],
    description: 'A workbook cell holding a formula with no saved result (never evaluated): read as empty.',
  },
  'xlsx/not-a-number': {
    severity: 'warning',
    kinds: ['items'],
    formats: ['xlsx'],
    description: 'A workbook cell marked as a number whose stored value is not one: read as empty.',
  },
  'xlsx/unnamed-column': {
    severity: 'warning',
    kinds: ['items'],
    formats: ['xlsx'],
    description: 'Values in a sheet column the header row does not name (or that a merged header cell covers): not read.',
  },
  'xlsx/external-link': {
    severity: 'warning',
    kinds: ['items'],
    formats: ['xlsx'],
    description: 'The workbook links to other workbooks: their values are read as last saved, and the files are never opened.',
  },
  'principles/schema': {
    severity: 'error',
    kinds: ['principles'],
    description:
      'The principle set breaks its JSON Schema: a missing or unknown key, a wrong type, a value out of range (a keyword of more than 10 words, more than 20,000 keywords in all), a reserved id, text holding a control character.',
  },
  'principles/duplicate-id': { severity: 'error', kinds: ['principles'], description: 'Two routes, principles, criteria, signals or rules share an id.' },
  'principles/unknown-route': { severity: 'error', kinds: ['principles'], description: 'A rule or the default sends work to a route that is not declared.' },
  'principles/unknown-field': {
    severity: 'error',
    kinds: ['principles'],
    description: 'A condition tests a field that is not declared (or a computed field outside routing).',
  },
  'principles/operator-type': { severity: 'error', kinds: ['principles'], description: "A condition's operator or value does not suit its field's type." },
  'principles/unknown-value': {
    severity: 'error',
    kinds: ['principles'],
    description: "A condition compares a field with a value that is not among the field's values.",
  },
  'principles/thresholds-order': { severity: 'error', kinds: ['principles'], description: 'The businessAsUsual threshold is above the transformational one.' },
  'principles/field-spec': {
    severity: 'error',
    kinds: ['principles'],
    description: 'A field declaration that contradicts itself (an enum without values, min above max, ...).',
  },
  'principles/keyword-never-matches': {
    severity: 'warning',
    kinds: ['principles'],
    description: 'A mentions keyword that can never match: it has no letter or digit, or it spans the end of a sentence.',
  },
  'principles/unreachable-rule': {
    severity: 'warning',
    kinds: ['principles'],
    description: 'A routing rule that can never fire, because earlier rules always match first.',
  },
  'principles/duplicate-condition': {
    severity: 'warning',
    kinds: ['principles'],
    description: 'Two routing rules with the same condition: the later one can never fire.',
  },
  'principles/never-matches': { severity: 'warning', kinds: ['principles'], description: 'A routing rule whose condition can never be true.' },
  'principles/unreachable-route': {
    severity: 'warning',
    kinds: ['principles'],
    description: 'A declared route that no rule that can fire (nor the default) sends work to.',
  },
  'principles/coverage-incomplete': {
    severity: 'warning',
    kinds: ['principles'],
    description: `Routing coverage stopped at its limit of work (${COVERAGE_STEPS.toLocaleString('en-GB')} steps): the rules from that point on were not checked.`,
  },
  'principles/capacity': {
    severity: 'error',
    kinds: ['principles'],
    description:
      'A capacity that cannot be applied: an undeclared route or field, a field that is not a number, a limit that is not positive, or an overflow route with a capacity of its own.',
  },
  'item/missing-required': { severity: 'error', kinds: ['items'], description: 'An item without an id or a title (or another required field).' },
  'item/invalid-value': {
    severity: 'error',
    kinds: ['items'],
    description: "A value that does not fit its field: not a number, out of range, not one of the field's values.",
  },
  'item/duplicate-id': {
    severity: 'error',
    kinds: ['items'],
    description: 'Two items share an id, in one file or across the files given (ids are compared in Unicode NFC).',
  },
  'item/invisible-id': {
    severity: 'warning',
    kinds: ['items'],
    description: 'An id holds a character that does not show: a zero-width space, a soft hyphen, a tag character, a control.',
  },
  'item/look-alike-id': {
    severity: 'warning',
    kinds: ['items'],
    description: 'Two ids that differ only in characters that do not show, in compatibility forms (full-width letters, ligatures) or in letter case.',
  },
  'item/unknown-column': {
    severity: 'warning',
    kinds: ['items'],
    description: 'A column (or key) the principle set does not declare: passed through unchecked.',
  },
  'decisions/schema': {
    severity: 'error',
    kinds: ['decisions'],
    description: 'A decisions file that is not a "decisions:" list of { id, route, rationale, ... }.',
  },
  'decisions/duplicate-id': { severity: 'error', kinds: ['decisions'], description: 'Two decisions for the same item.' },
  'decisions/unknown-route': { severity: 'error', kinds: ['decisions'], description: 'A decision names a route the principle set does not declare.' },
  'decisions/unknown-item': { severity: 'error', kinds: ['decisions'], description: 'A decision for an item that is in none of the item files given.' },
  'decisions/unknown-criterion': { severity: 'warning', kinds: ['decisions'], description: 'A decision answers a criterion the principle set does not have.' },
  'decisions/stale': { severity: 'warning', kinds: ['decisions'], description: 'The item has changed since the decision was made (its fingerprint differs).' },
  'decisions/expired': {
    severity: 'warning',
    kinds: ['decisions'],
    description: 'A decision whose expires date has passed: the recommendation applies again.',
  },
  'test/invalid': {
    severity: 'error',
    kinds: ['tests'],
    description: 'A tests file (triage test) that is not a "tests:" list of { name, item, expect }, or a case that cannot be run.',
  },
  'test/failed': {
    severity: 'error',
    kinds: ['tests'],
    description: 'A test case of a principle set whose item did not get what it expects: another route, rule, classification, firmness or score.',
  },
  'test/coverage': { severity: 'error', kinds: ['tests'], description: 'The test cases exercise less of the principle set than --min-coverage asks.' },
};

/** Every rule, in catalogue order. */
export const RULES: readonly RuleMeta[] = RULE_IDS.map((id) => ({ id, ...CATALOGUE[id], ...RULE_HELP[id] }));

const BY_ID: ReadonlyMap<RuleId, RuleMeta> = new Map(RULES.map((rule) => [rule.id, rule]));

/** A rule by id. */
export function ruleMeta(id: RuleId): RuleMeta {
  return BY_ID.get(id) as RuleMeta;
}

/** The rules that look at a file of this kind and format, in catalogue order. */
export function rulesFor(kind: FileKind, format: SourceFormat): RuleMeta[] {
  return RULES.filter((rule) => rule.kinds.includes(kind) && (!rule.formats || rule.formats.includes(format)));
}
