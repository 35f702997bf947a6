/**
 * `triage review` in a real terminal: the built bin under tmux, keys sent as a person would
 * press them. Enter through part of a small queue, Ctrl-C half way, then run it again.
 * Skipped where tmux is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, repoPath, triage } from '../helpers/run.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A server of our own, so nobody's tmux sessions are touched.
const SOCKET = `triage-review-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

/** Everything the pane has shown, scrollback included. */
function screen(): string {
  try {
    return tmux('capture-pane', '-p', '-J', '-t', 'review', '-S', '-');
  } catch {
    return '';
  }
}

async function waitFor(what: string | ((text: string) => boolean), timeoutMs = 15_000): Promise<void> {
  const test = typeof what === 'string' ? (text: string) => text.includes(what) : what;
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (test(screen())) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${String(what)}; the screen shows:\n${screen()}`);
}

async function exitCode(file: string, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8').trim();
      if (text !== '') return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no exit code; the screen shows:\n${screen()}`);
}

/** Start `triage review` in a new tmux session; its exit code is written to `code`. */
function start(dir: string, code: string): void {
  const command = `cd '${dir}' && NO_COLOR=1 '${process.execPath}' '${BIN}' review backlog.csv --by tester; echo $? > '${code}'; sleep 30`;
  tmux('new-session', '-d', '-s', 'review', '-x', '80', '-y', '40', command);
}

/** Press Enter once the prompt asking `question` is the active one (inquirer marks it with "?"). */
async function enterAt(question: string): Promise<void> {
  await waitFor(`? ${question}`);
  tmux('send-keys', '-t', 'review', 'Enter');
}

describe.skipIf(!hasTmux)('triage review in a terminal (tmux)', () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  it('saves each decision as it is made, stops on Ctrl-C with 130, and resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-tmux-'));
    const lines = readFileSync(repoPath('examples/backlog.csv'), 'utf8').split('\n');
    const pick = (id: string) => lines.find((line) => line.startsWith(`${id},`)) as string;
    // WI-01 needs nobody; WI-13, WI-14 and WI-12 go to review.
    writeFileSync(join(dir, 'backlog.csv'), [lines[0], pick('WI-01'), pick('WI-13'), pick('WI-14'), pick('WI-12'), ''].join('\n'));

    start(dir, join(dir, 'first-exit'));
    await waitFor('── 1 of 3 ── WI-13');
    await enterAt('Route:');
    await enterAt('Rationale');
    await waitFor('✓ WI-13 → Council saved to decisions.yaml');
    await enterAt('Route:');
    await enterAt('Rationale');
    await waitFor('✓ WI-14 → CCG saved to decisions.yaml');
    await waitFor('? Is there quantitative evidence');
    tmux('send-keys', '-t', 'review', 'C-c');
    expect(await exitCode(join(dir, 'first-exit'))).toBe('130');
    await waitFor('2 decisions saved, 1 left: run the same command again to carry on');
    const saved = readFileSync(join(dir, 'decisions.yaml'), 'utf8');
    expect(saved).toMatch(/- id: WI-13\n {4}route: council\n {4}recommended: review\n {4}by: tester\n/);
    expect(saved).toMatch(/- id: WI-14\n {4}route: ccg\n/);
    expect(saved).not.toContain('WI-12');
    expect(existsSync(join(dir, 'decisions.yaml.lock'))).toBe(false);
    tmux('kill-session', '-t', 'review');

    start(dir, join(dir, 'second-exit'));
    await waitFor('── 1 of 1 ── WI-12');
    await enterAt('Is there quantitative evidence');
    await enterAt('Is there qualitative evidence');
    await enterAt('Route:');
    await enterAt('Rationale');
    expect(await exitCode(join(dir, 'second-exit'))).toBe('0');
    await waitFor('Done: 1 decision saved to decisions.yaml.');
    tmux('kill-session', '-t', 'review');

    const { code, stdout } = triage(['score', 'backlog.csv', '--decisions', 'decisions.yaml', '-f', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const items = (JSON.parse(stdout) as { items: Array<{ id: string; route: string; overridden: boolean }> }).items;
    expect(items.map((i) => [i.id, i.route, i.overridden])).toEqual([
      ['WI-01', 'union', false],
      ['WI-13', 'council', true],
      ['WI-14', 'ccg', true],
      ['WI-12', 'union', true],
    ]);
  }, 90_000);
});
