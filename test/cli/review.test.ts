/** `triage review` run in-process with a terminal stand-in and a scripted prompter. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewCommand } from '../../src/cli/review.js';
import { repoPath } from '../helpers/run.js';
import { CTRL_C, ENTER, ScriptedPrompter } from '../interactive/fake-prompter.js';
import { terminalIo } from './terminal-io.js';

function backlogFolder(): { dir: string; backlog: string; decisions: string } {
  const dir = mkdtempSync(join(tmpdir(), 'triage-cli-review-'));
  const backlog = join(dir, 'backlog.csv');
  copyFileSync(repoPath('examples/backlog.csv'), backlog);
  return { dir, backlog, decisions: join(dir, 'decisions.yaml') };
}

describe('reviewCommand', () => {
  it('walks the queue, saves beside the item file, then has nothing left to review', async () => {
    const { dir, backlog, decisions } = backlogFolder();
    const first = terminalIo(dir);
    const code = await reviewCommand([backlog], { color: true, by: 'Asha' }, first.io, new ScriptedPrompter([], { thenEnter: true }));
    expect(code).toBe(0);
    expect(first.err()).toBe('');
    expect(first.out()).toMatch(/^4 items need a person\. Each decision is saved to\s/);
    expect(first.out()).not.toContain('\u001b[');
    expect(first.out().endsWith(`Done: 4 decisions saved to ${decisions}.\n`)).toBe(true);
    expect(readFileSync(decisions, 'utf8')).toContain('    by: Asha\n');
    expect(existsSync(`${decisions}.lock`)).toBe(false);

    const second = terminalIo(dir);
    expect(await reviewCommand([backlog], { color: true }, second.io, new ScriptedPrompter([]))).toBe(0);
    expect(second.out()).toBe(`Nothing needs review: of 22 items, every one routed to review or with confidence below 0.5 already has a decision in ${decisions}.\n`);
  });

  it('stops on Ctrl-C with exit 130 and says what was saved and what is left', async () => {
    const { dir, backlog, decisions } = backlogFolder();
    const t = terminalIo(dir);
    const code = await reviewCommand([backlog], { color: false, decisions }, t.io, new ScriptedPrompter([ENTER, ENTER, ENTER, ENTER, CTRL_C]));
    expect(code).toBe(130);
    expect(t.err()).toBe('\n1 decision saved, 3 left: run the same command again to carry on\n');
    expect(existsSync(`${decisions}.lock`)).toBe(false);
  });

  it('reviews everything with --all, and items below --min-confidence', async () => {
    const { dir, backlog } = backlogFolder();
    const all = terminalIo(dir);
    const prompter = new ScriptedPrompter([CTRL_C]);
    expect(await reviewCommand([backlog], { color: false, all: true }, all.io, prompter)).toBe(130);
    expect(all.out()).toMatch(/^22 items need a person/);
    const some = terminalIo(dir);
    expect(await reviewCommand([backlog], { color: false, minConfidence: '0.95' }, some.io, new ScriptedPrompter([CTRL_C]))).toBe(130);
    expect(some.out()).toMatch(/^7 items need a person/);
  });
});
