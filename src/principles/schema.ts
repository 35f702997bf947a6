/**
 * The JSON Schema check of a principle set, with ajv errors turned into messages a person
 * can act on, each at the path of the offending value.
 */
import type { ErrorObject } from 'ajv';
import { operators } from '../core/operators.js';
import { validate as generated } from './schema-validator.generated.js';
import { parsePointer, pathText, type DataPath } from './paths.js';

export interface SchemaProblem {
  /** Path of the offending value (keys and indexes). */
  path: DataPath;
  /** Point at the key rather than its value (for unknown keys). */
  atKey: boolean;
  message: string;
}

/** Where the schema ships: `principles/schema.json` at the package root. */
export const SCHEMA_URL = new URL('../../principles/schema.json', import.meta.url);

/** An ajv validator: true when valid, else the reasons in `errors`. */
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

// Compiled from SCHEMA_URL at build time (scripts/build-schema.mjs, ajv standalone code), so
// start-up neither imports ajv nor compiles the schema.
const validate = generated as unknown as Validator;

/** Check data against the principle-set schema. */
export function checkSchema(data: unknown): SchemaProblem[] {
  if (validate(data)) return [];
  return describeErrors(validate.errors ?? []);
}

/** Turn ajv errors into one problem per offending place, in words. */
export function describeErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // if/else and anyOf branch errors are noise next to the error that explains them.
    if (error.keyword === 'if' || error.schemaPath.includes('/anyOf/')) continue;
    const problem = describe(error);
    const key = `${problem.path.join('/')}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function describe(error: ErrorObject): SchemaProblem {
  const path = parsePointer(error.instancePath);
  const where = pathText(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      return { path, atKey: false, message: `${where} is missing "${missing}": add it` };
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const allowed = allowedKeys(error);
      const hint = allowed ? ` (expected one of: ${allowed})` : '';
      return {
        path: [...path, extra],
        atKey: true,
        message: `unknown key "${extra}" in ${where}: remove it or fix its spelling${hint}`,
      };
    }
    case 'type':
      return { path, atKey: false, message: `${where} must be ${article(String(params['type']))}` };
    case 'pattern':
      return { path, atKey: false, message: `${where} ${patternMessage(String(params['pattern']))}` };
    case 'exclusiveMinimum':
      return { path, atKey: false, message: `${where} must be greater than ${String(params['limit'])}` };
    case 'minimum':
      return { path, atKey: false, message: `${where} must be at least ${String(params['limit'])}` };
    case 'maximum':
      return { path, atKey: false, message: `${where} must be at most ${String(params['limit'])}` };
    case 'minItems':
      return { path, atKey: false, message: `${where} needs at least ${String(params['limit'])} entr${params['limit'] === 1 ? 'y' : 'ies'}` };
    case 'maxItems':
      return { path, atKey: false, message: `${where} has more than ${String(params['limit'])} entries` };
    case 'minLength':
      return { path, atKey: false, message: `${where} must not be empty` };
    case 'maxLength':
      return { path, atKey: false, message: `${where} is longer than ${String(params['limit'])} characters` };
    case 'enum':
      return {
        path,
        atKey: false,
        message: `${where} must be one of ${(params['allowedValues'] as unknown[]).join(', ')}`,
      };
    case 'const':
      return { path, atKey: false, message: `${where} must be ${JSON.stringify(params['allowedValue'])}` };
    case 'not':
      return { path, atKey: false, message: `${where} must not be 0: a signal with no points has no effect` };
    case 'minProperties':
      return isLeaf(error)
        ? { path, atKey: false, message: `${where} needs an operator: add one of ${operators().map((op) => op.name).join(', ')}` }
        : { path, atKey: false, message: `${where} must not be empty` };
    case 'maxProperties':
      return isLeaf(error)
        ? {
            path,
            atKey: false,
            message: `${where} tests "field" with more than one operator: use one operator per test and combine tests with "all"`,
          }
        : { path, atKey: false, message: `${where} has too many entries` };
    case 'anyOf':
      return path[0] === 'routing' && path[1] === 'default'
        ? { path, atKey: false, message: `${where} must be a route id, or { route, reason }` }
        : { path, atKey: false, message: `${where} must be a string, a number or true/false` };
    default:
      return { path, atKey: false, message: `${where} ${error.message ?? 'is not valid'}` };
  }
}

/** Errors about a leaf test (a mapping with a `field`). */
function isLeaf(error: ErrorObject): boolean {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties !== undefined && 'field' in properties;
}


function allowedKeys(error: ErrorObject): string | undefined {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!properties) return undefined;
  return Object.keys(properties)
    .filter((k) => k !== '$schema')
    .join(', ');
}

function patternMessage(pattern: string): string {
  if (pattern.includes('_')) return 'must be a field name: lower-case letters, digits and underscores, starting with a letter';
  return 'must be an id: lower-case letters, digits and hyphens, starting with a letter, at most 64 characters';
}

function article(type: string): string {
  const word = type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`;
  return word.replace('a integer', 'an integer');
}
