/**
 * The leaf-test part of `principles/schema.json`, derived from the operator table: a test is
 * `field` and exactly one operator, each with its argument's schema and a description for
 * editors. `npm run generate` writes it into the schema; a test fails when they differ.
 */
import { operators } from '../core/operators.js';

export function leafSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = { field: { $ref: '#/definitions/fieldName' } };
  for (const op of operators()) properties[op.name] = { ...op.schema, description: `${op.summary}, e.g. ${op.example}` };
  return {
    type: 'object',
    required: ['field'],
    minProperties: 2,
    maxProperties: 2,
    additionalProperties: false,
    properties,
  };
}
