/**
 * Atomic output through the built bin, where only a real process shows it: a write cut short
 * by the file-size limit (ulimit -f), and Ctrl-C mid-run. Reports, decisions, CI gates and
 * the rest of atomic output run in-process, in test/cli/inproc-reports.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-reports-'));
}

describe('atomic -o', () => {
  const tempFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

  it('leaves the old file untouched, and no temporary file, when a write fails', async () => {
    const dir = folder();
    const out = join(dir, 'report.html');
    writeFileSync(out, 'the report from last week\n');
    // A file-size limit of 8 blocks (4 or 8 KiB) makes the report's write fail part way (EFBIG).
    const run = spawnSync('/bin/sh', ['-c', 'ulimit -f 8 && exec "$0" "$@"', process.execPath, BIN, 'score', 'examples/backlog.csv', '-f', 'html', '-o', out], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect([run.status, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(
      `${out}: the file would be larger than this system allows; nothing was written; raise the file size limit (ulimit -f), or choose a more compact format such as csv\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('the report from last week\n');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('removes the temporary file when interrupted with Ctrl-C', async () => {
    const dir = folder();
    const out = join(dir, 'scored.csv');
    writeFileSync(out, 'old,csv\n');
    const child = spawn(process.execPath, [BIN, 'score', '-', '-f', 'csv', '-o', out], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write(readFileSync(join(ROOT, 'examples/backlog.csv'), 'utf8').split('\n').slice(0, 4).join('\n'));
    // Standard input stays open: the run is mid-way, its temporary file open.
    for (let i = 0; i < 100 && tempFiles(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(tempFiles(dir)).toHaveLength(1);
    const ended = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGINT');
    expect(await ended).toBe('SIGINT');
    expect(readdirSync(dir)).toEqual(['scored.csv']);
    expect(readFileSync(out, 'utf8')).toBe('old,csv\n');
  });
});
