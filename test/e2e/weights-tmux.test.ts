/**
 * `triage weights` in a real terminal: the built bin under tmux, keys sent as a person would
 * press them. Enter through every question (the current weights' ratios), then a run stopped
 * by Ctrl-C. Skipped where tmux is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, repoPath } from '../helpers/run.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A server of our own, so nobody's tmux sessions are touched.
const SOCKET = `triage-weights-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function screen(session: string): string {
  try {
    return tmux('capture-pane', '-p', '-J', '-t', session, '-S', '-');
  } catch {
    return '';
  }
}

async function waitFor(session: string, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (screen(session).includes(what)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; the screen shows:\n${screen(session)}`);
}

/** Start `triage weights` in a new tmux session in `dir`; its exit code is printed as EXIT=n. */
function start(session: string, dir: string, args: string): void {
  const command = `cd '${dir}' && NO_COLOR=1 '${process.execPath}' '${BIN}' weights ${args}; echo EXIT=$?; sleep 30`;
  tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '50', command);
}

async function enterAt(session: string, question: string): Promise<void> {
  await waitFor(session, `? ${question}`);
  tmux('send-keys', '-t', session, 'Enter');
}

describe.skipIf(!hasTmux)('triage weights in a terminal (tmux)', () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  it('asks each pair, writes the weights, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-weights-tmux-'));
    copyFileSync(repoPath('test/fixtures/weights/three-principles.yaml'), join(dir, 'principles.yaml'));
    start('enter', dir, '-p principles.yaml --write new.yaml --save-matrix judgements.yaml');
    await enterAt('enter', '(1 of 3) Which is more important: Focus [focus] or Speed [speed]?');
    await enterAt('enter', 'How much more important is Focus [focus] than Speed [speed]?');
    await enterAt('enter', '(2 of 3) Which is more important: Focus [focus] or Care [care]?');
    await enterAt('enter', 'How much more important is Focus [focus] than Care [care]?');
    await enterAt('enter', '(3 of 3) Which is more important: Speed [speed] or Care [care]?');
    await waitFor('enter', 'EXIT=');
    const shown = screen('enter');
    expect(shown).toContain('✔ (3 of 3) Which is more important: Speed [speed] or Care [care]? Equally important\n');
    expect(shown).toContain('  consistency ratio 0.000: consistent enough (at most 0.10)\n');
    expect(shown).toContain('weights written to new.yaml\n');
    expect(shown).toContain('EXIT=0');
    expect(readFileSync(join(dir, 'new.yaml'), 'utf8')).toContain('{ id: focus, title: Focus, weight: 1.5, criteria:');
    expect(readFileSync(join(dir, 'judgements.yaml'), 'utf8')).toContain('  focus: { speed: 2, care: 2 }\n  speed: { care: 1 }\n');
  });

  it('stops on Ctrl-C with 130 and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-weights-tmux-'));
    copyFileSync(repoPath('test/fixtures/weights/three-principles.yaml'), join(dir, 'principles.yaml'));
    start('stop', dir, '-p principles.yaml --write new.yaml');
    await enterAt('stop', '(1 of 3) Which is more important');
    await waitFor('stop', '? How much more important');
    tmux('send-keys', '-t', 'stop', 'C-c');
    await waitFor('stop', 'EXIT=');
    expect(screen('stop')).toContain('interrupted: nothing was written\nEXIT=130');
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });
});
