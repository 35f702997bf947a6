/**
 * Every rule id a finding can carry. `Finding.ruleId` has this type, and the rule catalogue
 * (src/validate/rules.ts) and its help (src/validate/rule-help.ts) are records keyed by it,
 * so an id used anywhere without a catalogue entry, or an entry without help, does not
 * compile. Adding a rule is adding its id here; the compiler then asks for the rest.
 */
export const RULE_IDS = [
  'file/empty',
  'file/encoding',
  'file/too-large',
  'file/too-many-problems',
  'yaml/syntax',
  'yaml/duplicate-key',
  'yaml/alias',
  'yaml/too-deep',
  'yaml/forbidden-key',
  'csv/syntax',
  'json/syntax',
  'principles/schema',
  'principles/duplicate-id',
  'principles/unknown-route',
  'principles/unknown-field',
  'principles/operator-type',
  'principles/unknown-value',
  'principles/thresholds-order',
  'principles/field-spec',
  'principles/keyword-never-matches',
  'principles/unreachable-rule',
  'principles/duplicate-condition',
  'principles/never-matches',
  'principles/unreachable-route',
  'principles/coverage-incomplete',
  'item/missing-required',
  'item/invalid-value',
  'item/duplicate-id',
  'item/invisible-id',
  'item/look-alike-id',
  'item/unknown-column',
  'decisions/schema',
  'decisions/duplicate-id',
  'decisions/unknown-route',
  'decisions/unknown-item',
  'decisions/unknown-criterion',
  'decisions/stale',
  'decisions/expired',
  'test/invalid',
  'test/failed',
  'test/coverage',
] as const;

/** A rule id, e.g. `item/duplicate-id`. */
export type RuleId = (typeof RULE_IDS)[number];
