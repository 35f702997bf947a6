/**
 * The domain's fixed vocabulary, in one place: what an assessment computes, the fields every
 * item has, and the ids the tool gives itself. Everything that lists them imports them here.
 */
import type { Classification, FieldType } from './types.js';

/** The three classifications, from most to least change (contract). */
export const CLASSIFICATIONS: readonly Classification[] = ['transformational', 'borderline', 'business-as-usual'];

/** Fields an assessment computes, which routing rules (and only they) may test, with their types. */
export const COMPUTED_FIELD_TYPES = {
  alignment: 'integer',
  transformation: 'integer',
  classification: 'enum',
  confidence: 'number',
} as const satisfies Record<string, FieldType>;

export type ComputedField = keyof typeof COMPUTED_FIELD_TYPES;
export const COMPUTED_FIELDS = Object.keys(COMPUTED_FIELD_TYPES) as ComputedField[];

export function isComputedField(name: string): name is ComputedField {
  return Object.hasOwn(COMPUTED_FIELD_TYPES, name);
}

/** Fields every item has, whatever the principle set declares. */
export const BUILT_IN_FIELDS = ['id', 'title'] as const;

/** The `rule` of an assessment that no rule placed: the principle set's default applied. */
export const DEFAULT_RULE_ID = 'default';
/** The `rule` of an assessment whose route a person's decision set. */
export const DECISION_RULE_ID = 'decision';
/** The `rule` of an assessment moved to the overflow route because its route is full. */
export const OVER_CAPACITY_RULE_ID = 'over-capacity';

/** Rule ids the tool uses itself, which a principle set may not give to a routing rule. */
export const RESERVED_RULE_IDS: readonly string[] = [DEFAULT_RULE_ID, DECISION_RULE_ID, OVER_CAPACITY_RULE_ID];

/** The route id (contract) that means "a person should decide". */
export const REVIEW_ROUTE = 'review';
