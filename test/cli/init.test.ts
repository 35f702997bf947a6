/** `triage init` run in-process with a terminal stand-in and a scripted prompter. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCommand } from '../../src/cli/init.js';
import { compilePolicy } from '../../src/core/compile.js';
import type { PrincipleSet } from '../../src/core/types.js';
import { parseTestsFile } from '../../src/policy-tests/file.js';
import { checkPrinciples } from '../../src/principles/load.js';
import { CTRL_C, ENTER, ScriptedPrompter } from '../interactive/fake-prompter.js';
import { terminalIo } from './terminal-io.js';

describe('initCommand, interactive', () => {
  it('asks before overwriting, and writes only what the person agrees to', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'triage-cli-init-'));
    writeFileSync(join(cwd, 'principles.yaml'), '# ours\n');
    const t = terminalIo(cwd);
    const prompter = new ScriptedPrompter([false]);
    expect(await initCommand(undefined, { color: false }, t.io, prompter)).toBe(0);
    expect(prompter.asked.map((a) => [a.message, a.default])).toEqual([['principles.yaml already exists. Overwrite it?', false]]);
    expect(readFileSync(join(cwd, 'principles.yaml'), 'utf8')).toBe('# ours\n');
    expect(readFileSync(join(cwd, 'backlog.csv'), 'utf8')).toMatch(/^id,title,description,lead,/);
    // Tests go with the set they test: with principles.yaml kept, none are written.
    expect(existsSync(join(cwd, 'principles.tests.yaml'))).toBe(false);
    expect(t.out()).toMatch(/^Wrote backlog\.csv\.\n/);
  });

  it('writes the answers into a principle set that loads', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'triage-cli-init-'));
    const t = terminalIo(cwd);
    const prompter = new ScriptedPrompter(['Northshire'], { thenEnter: true });
    expect(await initCommand('org', { color: false }, t.io, prompter)).toBe(0);
    const text = readFileSync(join(cwd, 'org', 'principles.yaml'), 'utf8');
    expect(checkPrinciples(text, 'principles.yaml').set?.organisation).toBe('Northshire');
    expect(t.out()).toMatch(/^Wrote org\/principles\.yaml, org\/backlog\.csv and org\/principles\.tests\.yaml\.\n/);
    // Its tests are of the set as answered, and pass against it.
    const tests = parseTestsFile(
      readFileSync(join(cwd, 'org', 'principles.tests.yaml'), 'utf8'),
      'principles.tests.yaml',
      compilePolicy(checkPrinciples(text, 'principles.yaml').set as PrincipleSet),
    );
    expect(tests.findings).toEqual([]);
    expect(tests.cases.map((c) => [c.item.id, c.expect.route])).toEqual([
      ['EX-1', 'union'],
      ['EX-2', 'council'],
      ['EX-3', 'ccg'],
      ['EX-4', 'individual'],
      ['EX-5', 'review'],
    ]);
  });

  it('writes nothing when stopped with Ctrl-C', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'triage-cli-init-'));
    const t = terminalIo(cwd);
    expect(await initCommand(undefined, { color: false }, t.io, new ScriptedPrompter(['Northshire', CTRL_C]))).toBe(130);
    expect(t.err()).toBe('\nStopped: nothing was written.\n');
    expect(existsSync(join(cwd, 'principles.yaml'))).toBe(false);
    expect(existsSync(join(cwd, 'backlog.csv'))).toBe(false);
    expect(existsSync(join(cwd, 'principles.tests.yaml'))).toBe(false);
  });

  it('warns on stderr when no example item reaches a route, naming the files as written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'triage-cli-init-'));
    const t = terminalIo(cwd);
    // Every principle dropped for one that no example mentions: nothing is aligned enough for The Union.
    const script = [ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, false, false, false, false, false, 'Our own way', ENTER, 'ours', false];
    expect(await initCommand('org', { color: false }, t.io, new ScriptedPrompter(script))).toBe(0);
    expect(t.err()).toBe(
      'triage: warning: no example item reaches "The Union" (union) with this principle set; score your own backlog to see whether any work would: triage score org/backlog.csv -p org/principles.yaml\n',
    );
    expect(t.out()).toMatch(/^Wrote org\/principles\.yaml, org\/backlog\.csv and org\/principles\.tests\.yaml\.\n/);
  });

  it('says nothing on stderr when the examples reach every route, or with --quiet', async () => {
    const t = terminalIo(mkdtempSync(join(tmpdir(), 'triage-cli-init-')));
    expect(await initCommand(undefined, { color: false, yes: true }, t.io)).toBe(0);
    expect(t.err()).toBe('');
    const quiet = terminalIo(mkdtempSync(join(tmpdir(), 'triage-cli-init-')));
    const script = [ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, false, false, false, false, false, 'Our own way', ENTER, 'ours', false];
    expect(await initCommand(undefined, { color: false, quiet: true }, quiet.io, new ScriptedPrompter(script))).toBe(0);
    expect(quiet.err()).toBe('');
  });
});
