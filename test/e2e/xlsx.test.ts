/**
 * The example workbook is what its script makes from the CSV: the script, run with --check, ends
 * by its exit status, so it runs as a process. A large workbook in bounded memory is in
 * test/e2e/xlsx-memory.test.ts (slow project); everything else about workbooks runs in-process,
 * in test/cli/inproc-xlsx.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/run.js';

describe('the example workbook', () => {
  it('is the workbook scripts/build-example-workbook.mjs makes from the CSV', () => {
    expect(() => execFileSync(process.execPath, [repoPath('scripts/build-example-workbook.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
