/**
 * A large workbook through the built bin, in bounded memory: 50,000 items read from a workbook
 * and written to one with a sheet per route, peak RSS measured by the process itself, the
 * temporary files in a TMPDIR of its own, and every item back when the report is read again.
 * In the slow project: it takes seconds, and measures memory.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBacklogWorkbook } from '../../scripts/bench/generate-workbook.mjs';
import { BIN, ROOT, repoPath } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triage-xlsx-memory-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a large workbook', () => {
  it('reads and writes 50,000 items in bounded memory, and leaves no temporary file', async () => {
    const input = join(dir, 'large.xlsx');
    await writeBacklogWorkbook(input, 50_000, 11);
    const temp = mkdtempSync(join(dir, 'tmp-'));
    const rssFile = join(dir, 'rss');
    const out = join(dir, 'large-report.xlsx');
    const child = spawn(
      process.execPath,
      ['--import', repoPath('scripts/bench/maxrss.mjs'), BIN, 'score', input, '-f', 'xlsx', '--route-sheets', '-o', out, '-q'],
      {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TMPDIR: temp, BENCH_RSS_FILE: rssFile },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    expect([code, stderr]).toEqual([0, '']);
    expect(Number(readFileSync(rssFile, 'utf8')) / 1024).toBeLessThan(150);
    expect(readdirSync(temp)).toEqual([]);
    expect(existsSync(out)).toBe(true);
    // The report's Items sheet is itself an item file: every item comes back.
    const again = join(dir, 'again.csv');
    expect((await cli(['score', out, '--sheet', 'Items', '-f', 'csv', '-q', '-o', again])).code).toBe(0);
    expect(readFileSync(again, 'utf8').trimEnd().split('\n')).toHaveLength(50_001);
  }, 180_000);
});
