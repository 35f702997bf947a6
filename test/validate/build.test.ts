/** The build-time artefacts `validate` relies on match their sources. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.js';

describe('build-time artefacts', () => {
  it('the standalone schema validator and the bundled set are up to date (else: npm run build)', () => {
    const result = spawnSync(process.execPath, ['scripts/build-schema.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
