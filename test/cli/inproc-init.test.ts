/** `triage init --yes`, and `triage init` off a terminal, through the CLI in-process (`cli()`). */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('triage init', () => {
  it('--yes writes The Union defaults and an example backlog that validate and score accept', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'triage-cli-init-yes-'));
    const { code, stdout, stderr } = await cli(['init', 'northshire', '--yes'], { cwd });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Wrote northshire/principles.yaml, northshire/backlog.csv and northshire/principles.tests.yaml.',
        '',
        'Next:',
        '  triage validate northshire/principles.yaml northshire/backlog.csv -p northshire/principles.yaml   # check both files',
        "  triage test northshire/principles.tests.yaml                                                      # run the set's tests",
        '  triage score northshire/backlog.csv -p northshire/principles.yaml                                 # route the example items',
        '  triage review northshire/backlog.csv -p northshire/principles.yaml                                # decide those that need a person',
        '',
      ].join('\n'),
    );
    const validate = await cli(['validate', 'northshire/principles.yaml', 'northshire/backlog.csv', '-p', 'northshire/principles.yaml'], { cwd });
    expect(validate.code).toBe(0);
    // The tests it writes are those of the set it writes: they pass, and find the set beside them.
    expect(await cli(['test', 'northshire/principles.tests.yaml'], { cwd })).toEqual({
      code: 0,
      stdout: '✔ 1 file checked, no problems\n',
      stderr: 'northshire/principles.tests.yaml: 5 tests, 5 passed (northshire/principles.yaml)\n',
    });
    const score = await cli(['score', 'northshire/backlog.csv', '-p', 'northshire/principles.yaml', '-f', 'json'], { cwd });
    expect(score.code).toBe(0);
    const routes = (JSON.parse(score.stdout) as { items: Array<{ id: string; route: string }> }).items.map((i) => [i.id, i.route]);
    expect(routes).toEqual([
      ['EX-1', 'union'],
      ['EX-2', 'council'],
      ['EX-3', 'ccg'],
      ['EX-4', 'individual'],
      ['EX-5', 'review'],
    ]);
    // The schema comment points at the bundled schema, from where the file is.
    const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(readFileSync(join(cwd, 'northshire/principles.yaml'), 'utf8'))?.[1];
    expect(schema && existsSync(join(cwd, 'northshire', schema))).toBe(true);
  });

  it('never overwrites a file with --yes unless --force', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'triage-cli-init-yes-'));
    writeFileSync(join(cwd, 'principles.yaml'), '# mine\n');
    expect(await cli(['init', '--yes'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'principles.yaml already exists: triage init never overwrites a file without asking; add --force to overwrite, leave out --yes to be asked, or name another folder: triage init my-organisation\n',
    });
    expect(readFileSync(join(cwd, 'principles.yaml'), 'utf8')).toBe('# mine\n');
    expect(existsSync(join(cwd, 'backlog.csv'))).toBe(false);
    expect((await cli(['init', '--yes', '--force'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'principles.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
  });

  it('refuses to ask questions without a terminal', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'triage-cli-init-yes-'));
    expect(await cli(['init'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: "triage init asks questions, so it needs a terminal, and standard input is not one; add --yes to write The Union's defaults without asking\n",
    });
  });
});
