/**
 * `triage review` in a real terminal: the built bin under tmux, keys sent as a person would
 * press them. Enter alone through a queue of items the rules could not place decides
 * nothing; choosing a route takes arrow keys and a rationale (an empty one is refused);
 * Ctrl-C half way, then run it again. Skipped where tmux is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
function start(dir: string, code: string, extra = ''): void {
  const command = `cd '${dir}' && NO_COLOR=1 '${process.execPath}' '${BIN}' review backlog.csv --by tester${extra}; echo $? > '${code}'; sleep 30`;
  tmux('new-session', '-d', '-s', 'review', '-x', '80', '-y', '40', command);
}

/** A folder with WI-01 (which needs nobody), then WI-13, WI-14 and WI-12 (which go to review). */
function backlogFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-tmux-'));
  const lines = readFileSync(repoPath('examples/backlog.csv'), 'utf8').split('\n');
  const pick = (id: string) => lines.find((line) => line.startsWith(`${id},`)) as string;
  writeFileSync(join(dir, 'backlog.csv'), [lines[0], pick('WI-01'), pick('WI-13'), pick('WI-14'), pick('WI-12'), ''].join('\n'));
  return dir;
}

/** Press Enter once the prompt asking `question` is the active one (inquirer marks it with "?"). */
async function enterAt(question: string): Promise<void> {
  await waitFor(`? ${question}`);
  tmux('send-keys', '-t', 'review', 'Enter');
}

describe.skipIf(!hasTmux)('triage review in a terminal (tmux)', () => {
  // A session that outlives the others: tmux stops its server when its last session is
  // killed, and a new session started at that moment fails with "server exited unexpectedly".
  beforeAll(() => {
    tmux('new-session', '-d', '-s', 'keep', 'sleep 600');
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  it('decides nothing when Enter alone walks a queue of items the rules could not place', async () => {
    const dir = backlogFolder();
    start(dir, join(dir, 'exit'), ' --minutes minutes.md');
    await waitFor('── 1 of 3 ── WI-13');
    await enterAt('Route:');
    await waitFor('── 2 of 3 ── WI-14');
    await enterAt('Route:');
    await waitFor('── 3 of 3 ── WI-12');
    await enterAt('Is there quantitative evidence');
    await enterAt('Is there qualitative evidence');
    await enterAt('Route:');
    expect(await exitCode(join(dir, 'exit'))).toBe('0');
    await waitFor('Done: 0 decisions saved to decisions.yaml; 3 skipped (WI-13, WI-14, WI-12): run the same command again to decide them.');
    tmux('kill-session', '-t', 'review');
    expect(existsSync(join(dir, 'decisions.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'decisions.yaml.lock'))).toBe(false);
    // The minutes were kept all the same: three items skipped, none decided.
    const minutes = readFileSync(join(dir, 'minutes.md'), 'utf8');
    expect(minutes).toContain('\n0 decided (0 overridden, 0 confirmed), 3 skipped.\n\n## Skipped\n\n- WI-13: ');
    expect(minutes.match(/^- WI-1\d: /gm)).toEqual(['- WI-13: ', '- WI-14: ', '- WI-12: ']);
  }, 90_000);

  it('saves a route chosen with the arrow keys once a rationale is given, stops on Ctrl-C with 130, and resumes', async () => {
    const dir = backlogFolder();
    start(dir, join(dir, 'first-exit'));
    await waitFor('── 1 of 3 ── WI-13');
    await waitFor('? Route:');
    // From "skip for now" up past explain, Needs review, Individual and CCG to Council.
    for (let k = 0; k < 5; k++) tmux('send-keys', '-t', 'review', 'Up');
    await waitFor((text) => /❯ Council \(closest rule\)/.test(text));
    tmux('send-keys', '-t', 'review', 'Enter');
    await enterAt('Why Council? (required: the rules could not place this item)');
    await waitFor('a rationale is required here: say in a few words why');
    tmux('send-keys', '-t', 'review', '-l', 'The council holds the contracts');
    tmux('send-keys', '-t', 'review', 'Enter');
    await waitFor('✓ WI-13 → Council saved to decisions.yaml');
    await waitFor('── 2 of 3 ── WI-14');
    await enterAt('Route:');
    await waitFor('── 3 of 3 ── WI-12');
    await waitFor('? Is there quantitative evidence');
    tmux('send-keys', '-t', 'review', 'C-c');
    expect(await exitCode(join(dir, 'first-exit'))).toBe('130');
    await waitFor('1 decision saved, 2 left: run the same command again to carry on');
    const saved = readFileSync(join(dir, 'decisions.yaml'), 'utf8');
    expect(saved).toMatch(/- id: WI-13\n {4}route: council\n {4}recommended: review\n {4}rationale: The council holds the contracts\n {4}by: tester\n/);
    expect(saved).not.toContain('WI-14');
    expect(saved).not.toContain('WI-12');
    expect(existsSync(join(dir, 'decisions.yaml.lock'))).toBe(false);
    tmux('kill-session', '-t', 'review');

    // What was skipped and what was left come back; Enter through them decides nothing more.
    start(dir, join(dir, 'second-exit'));
    await waitFor('── 1 of 2 ── WI-14');
    await enterAt('Route:');
    await waitFor('── 2 of 2 ── WI-12');
    await enterAt('Is there quantitative evidence');
    await enterAt('Is there qualitative evidence');
    await enterAt('Route:');
    expect(await exitCode(join(dir, 'second-exit'))).toBe('0');
    await waitFor('Done: 0 decisions saved to decisions.yaml; 2 skipped (WI-14, WI-12): run the same command again to decide them.');
    tmux('kill-session', '-t', 'review');
    expect(readFileSync(join(dir, 'decisions.yaml'), 'utf8')).toBe(saved);

    const { code, stdout } = triage(['score', 'backlog.csv', '--decisions', 'decisions.yaml', '-f', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const items = (JSON.parse(stdout) as { items: Array<{ id: string; route: string; overridden: boolean }> }).items;
    expect(items.map((i) => [i.id, i.route, i.overridden])).toEqual([
      ['WI-01', 'union', false],
      ['WI-13', 'council', true],
      ['WI-14', 'review', false],
      ['WI-12', 'review', false],
    ]);
  }, 90_000);
});
