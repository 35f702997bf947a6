/**
 * What only many processes, or a small heap, show, and what takes seconds to show it: two
 * sessions taking over a dead session's lock at once (25 rounds of three processes racing), and
 * --sort with 40 MB of titles under a 48 MB heap. In the slow project.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, deadPid, ROOT } from '../helpers/run.js';

const ENV = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1' };

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-stress-'));
}

describe("two sessions taking over a dead session's lock at once", () => {
  /**
   * A process that, once told to go, takes the lock through the built code and holds it until
   * its standard input closes. Started first and then told to go together, takers collide
   * within a millisecond or so, as two people starting review at once do.
   */
  function taker(lock: string) {
    const script = `
      import { Lock } from ${JSON.stringify(join(ROOT, 'dist/decisions/store.js'))};
      process.stdout.write('ready\\n');
      process.stdin.once('data', async () => {
        try {
          await Lock.take(${JSON.stringify(lock)}, 'decisions.yaml', process.pid);
          process.stdout.write('held\\n');
          process.stdin.on('end', () => process.exit(0));
        } catch {
          process.stdout.write('refused\\n');
          process.exit(0);
        }
      });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    // A refused taker has ended by the time its stdin is closed.
    child.stdin.on('error', () => undefined);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
    /** The first `count` lines it has said, once it has said them. */
    const lines = (count: number): Promise<string[]> =>
      new Promise((done) => {
        const check = (): void => {
          const got = out.trim().split('\n');
          if (got.length < count) return;
          child.stdout.off('data', check);
          done(got);
        };
        child.stdout.on('data', check);
        check();
      });
    const closed = new Promise<void>((done) => child.on('close', () => done()));
    return { child, lines, closed };
  }

  it('exactly one of them holds it, every time', async () => {
    const dir = folder();
    const lock = join(dir, 'decisions.yaml.lock');
    // The old check-remove-create let two hold it in 10-80% of rounds, depending on load.
    for (let round = 0; round < 25; round++) {
      writeFileSync(lock, `${deadPid()}\n`);
      const takers = [taker(lock), taker(lock), taker(lock)];
      await Promise.all(takers.map((t) => t.lines(1)));
      for (const t of takers) t.child.stdin.write('go\n');
      const said = await Promise.all(takers.map(async (t) => (await t.lines(2))[1]));
      for (const t of takers) t.child.stdin.end();
      await Promise.all(takers.map((t) => t.closed));
      expect({ round, said: said.sort() }).toEqual({ round, said: ['held', 'refused', 'refused'] });
    }
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe('memory', () => {
  it('--sort with large items stays within a 48 MB heap (it held 5,000 whole items: out of memory)', async () => {
    const dir = folder();
    const file = join(dir, 'large-titles.csv');
    // Item k's title is one letter, 400,000 times: 40 MB of titles in all.
    const letter = (k: number): number => (k * 7) % 26;
    const lines = ['id,title'];
    for (let k = 0; k < 100; k++) lines.push(`L-${k},${String.fromCharCode(97 + letter(k)).repeat(400_000)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = spawnSync(process.execPath, ['--max-old-space-size=48', BIN, 'score', file, '--sort', 'title', '-f', 'jsonl'], {
      env: ENV,
      encoding: 'utf8',
      maxBuffer: 100 * 1024 * 1024,
      timeout: 60000,
    });
    expect({ code: result.status, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const ids = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    const expected = Array.from({ length: 100 }, (_, k) => k).sort((a, b) => letter(a) - letter(b) || a - b);
    expect(ids).toEqual(expected.map((k) => `L-${k}`));
  });
});
