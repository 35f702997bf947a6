/** principles/schema.json's leaf tests are what the operator table says: `npm run generate` keeps them so. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operators } from '../../src/core/operators.js';
import { leafSchema } from '../../src/principles/schema-leaf.js';
import { repoPath } from '../helpers/run.js';

describe('principles/schema.json', () => {
  it('describes exactly the operators of the table (run npm run generate when this fails)', () => {
    const schema = JSON.parse(readFileSync(repoPath('principles/schema.json'), 'utf8')) as { definitions: { leaf: unknown } };
    expect(schema.definitions.leaf).toEqual(leafSchema());
    expect(Object.keys((schema.definitions.leaf as { properties: object }).properties)).toEqual(['field', ...operators().map((op) => op.name)]);
  });
});
