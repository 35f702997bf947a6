/** `triage review` run in-process with a terminal stand-in and a scripted prompter. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewCommand } from '../../src/cli/review.js';
import { repoPath } from '../helpers/run.js';
import { SKIP } from '../../src/interactive/questions.js';
import { CTRL_C, ENTER, ScriptedPrompter } from '../interactive/fake-prompter.js';
import { terminalIo } from './terminal-io.js';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function backlogFolder(): { dir: string; backlog: string; decisions: string } {
  const dir = mkdtempSync(join(tmpdir(), 'triage-cli-review-'));
  const backlog = join(dir, 'backlog.csv');
  copyFileSync(repoPath('examples/backlog.csv'), backlog);
  return { dir, backlog, decisions: join(dir, 'decisions.yaml') };
}

describe('reviewCommand', () => {
  it('saves nothing when Enter alone walks a queue of items routed to review', async () => {
    const { dir, backlog, decisions } = backlogFolder();
    const t = terminalIo(dir);
    const code = await reviewCommand([backlog], { color: true, by: 'Asha' }, t.io, new ScriptedPrompter([], { thenEnter: true }));
    expect(code).toBe(0);
    expect(t.err()).toBe('');
    expect(t.out()).toMatch(/^4 items need a person\. Each decision is saved to\s/);
    expect(t.out()).not.toContain('\u001b[');
    expect(
      t.out().endsWith(`Done: 0 decisions saved to ${decisions}; 4 skipped (WI-12, WI-13, WI-14, WI-15): run the same command again to decide them.\n`),
    ).toBe(true);
    expect(existsSync(decisions)).toBe(false);
    expect(existsSync(`${decisions}.lock`)).toBe(false);
  });

  it('saves beside the item file what a person decides and says why, then has nothing left to review', async () => {
    const { dir, backlog, decisions } = backlogFolder();
    const first = terminalIo(dir);
    // Each item: "don't know" to its questions (Enter), then a route and why.
    const prompter = new ScriptedPrompter([
      ...[ENTER, ENTER, 'union', 'The board backs it'], // WI-12, two questions
      ...['council', 'The council holds the contracts'], // WI-13
      ...['ccg', 'Commissioned by the CCG'], // WI-14
      ...[ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, 'council', 'Estates sit with the council'], // WI-15, six questions
    ]);
    const code = await reviewCommand([backlog], { color: true, by: 'Asha' }, first.io, prompter);
    expect(code).toBe(0);
    expect(first.err()).toBe('');
    expect(first.out().endsWith(`Done: 4 decisions saved to ${decisions}.\n`)).toBe(true);
    expect(readFileSync(decisions, 'utf8')).toContain('    by: Asha\n');
    expect(existsSync(`${decisions}.lock`)).toBe(false);

    const second = terminalIo(dir);
    expect(await reviewCommand([backlog], { color: true }, second.io, new ScriptedPrompter([]))).toBe(0);
    expect(second.out()).toBe(
      `Nothing needs review: of 22 items, every one routed to review or with confidence below 0.5 already has a decision in ${decisions}.\n`,
    );
  });

  it('stops on Ctrl-C with exit 130 and says what was saved and what is left', async () => {
    const { dir, backlog, decisions } = backlogFolder();
    const t = terminalIo(dir);
    // WI-12: its two questions unanswered, The Union with a reason; then Ctrl-C on WI-13.
    const code = await reviewCommand([backlog], { color: false, decisions }, t.io, new ScriptedPrompter([ENTER, ENTER, 'union', 'The board backs it', CTRL_C]));
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

  it("shows an id's escape sequence escaped in the saved line, and saves the id as it is", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-cli-review-'));
    const backlog = join(dir, 'osc.csv');
    // OSC 0 retitles the terminal; the bundled set routes an item with no lead to review.
    writeFileSync(backlog, 'id,title\n"R\u001b]0;pwned\u0007-1",Routed to review\n');
    const t = terminalIo(dir);
    // Its twelve questions unanswered, then Individual, with a reason.
    const script = [...Array<symbol>(12).fill(ENTER), 'individual', 'One person can do it'];
    expect(await reviewCommand([backlog], { color: false, by: 'Asha' }, t.io, new ScriptedPrompter(script))).toBe(0);
    const decisions = join(dir, 'decisions.yaml');
    expect(t.out()).toContain(`  ✓ R\\u001b]0;pwned\\u0007-1 → Individual saved to ${decisions}\n`);
    expect(t.out()).not.toContain('\u001b]');
    expect(readFileSync(decisions, 'utf8')).toContain('  - id: "R\\e]0;pwned\\a-1"\n');
  });

  it("escapes an item's own colour codes on a card the tool colours", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-cli-review-'));
    const backlog = join(dir, 'sgr.csv');
    writeFileSync(backlog, 'id,title,description\nS-1,"\u001b[8mhidden\u001b[0m shown","desc \u001b[31mred"\n');
    const t = terminalIo(dir);
    const io = { ...t.io, env: { FORCE_COLOR: '1', COLUMNS: '80' } };
    expect(await reviewCommand([backlog], { color: true, by: 'Asha' }, io, new ScriptedPrompter([], { thenEnter: true }))).toBe(0);
    const lines = t.out().split('\n');
    expect(lines).toContain('\u001b[1m\\u001b[8mhidden\\u001b[0m shown\u001b[22m');
    expect(lines).toContain('  desc \\u001b[31mred');
    // The tool's own colour is there; none of the item's.
    expect(t.out()).toContain('\u001b[2m──');
    expect(t.out()).not.toMatch(/\u001b\[(?:8|0|31)m/);
  });

  it('keeps minutes with --minutes, written whole after every decision or skip', async () => {
    const { dir, backlog, decisions } = backlogFolder();
    const minutes = join(dir, 'minutes.md');
    const t = terminalIo(dir);
    // WI-12 to The Union with a reason, WI-13 skipped, then Ctrl-C on WI-14: the file has both.
    const script = [ENTER, ENTER, 'union', 'The board backs it', SKIP, CTRL_C];
    expect(await reviewCommand([backlog], { color: false, by: 'Asha', minutes }, t.io, new ScriptedPrompter(script))).toBe(130);
    // The clock is the real one: times are checked for their form.
    const time = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;
    const hash = readFileSync(repoPath('principles/union.yaml'));
    const text = readFileSync(minutes, 'utf8').replace(time, '<time>');
    expect(text).toBe(
      [
        '# Triage review: The Union',
        '',
        // The bundled set, outside the folder the command runs in, is named by its full path.
        `Started <time> by Asha. Principle set ${repoPath('principles/union.yaml')} (sha256:${sha256(hash).slice(0, 12)}); decisions saved to ${decisions}.`,
        '',
        '1 decided (1 overridden, 0 confirmed), 1 skipped.',
        '',
        '## Decided',
        '',
        '### WI-12: Single integrated IT platform',
        '',
        '- Recommended: Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 18 is below 50 (rule challenge-weak-alignment)',
        '- Decision: **The Union** (overridden) by Asha at <time>',
        '- Rationale: The board backs it',
        '',
        '## Skipped',
        '',
        "- WI-13: Joint commissioning of carers' support. Recommended: Needs review: borderline (45: spans organisations +30, high impact +15)",
        '',
      ].join('\n'),
    );
    // Written atomically: no temporary file is left beside it.
    expect(readdirSync(dir).sort()).toEqual(['backlog.csv', 'decisions.yaml', 'minutes.md']);
  });

  it('refuses minutes written over the decisions file, even before it exists, or over an item file, before asking anything', async () => {
    const { dir, backlog, decisions } = backlogFolder();
    const t = terminalIo(dir);
    const prompter = new ScriptedPrompter([]);
    await expect(reviewCommand([backlog], { color: false, minutes: decisions }, t.io, prompter)).rejects.toThrow(
      `cannot write the minutes to ${decisions}: decisions are saved there`,
    );
    await expect(reviewCommand([backlog], { color: false, minutes: backlog }, t.io, prompter)).rejects.toThrow(
      `cannot write ${backlog}: it is the item file ${backlog} that this run reads, and writing it would replace it`,
    );
    expect(prompter.asked).toEqual([]);
    expect(readdirSync(dir)).toEqual(['backlog.csv']);
  });
});
