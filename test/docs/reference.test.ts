/** The reference pages say what the code does: they are made from its registries (npm run generate). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referencePages } from '../../src/docs/reference.js';
import { repoPath } from '../helpers/run.js';

describe('docs/reference', () => {
  it('matches the commands, rules, formats and operators of the code (run npm run generate when this fails)', async () => {
    for (const [path, text] of Object.entries(await referencePages())) {
      expect(readFileSync(repoPath(path), 'utf8'), path).toBe(text);
    }
  });
});
