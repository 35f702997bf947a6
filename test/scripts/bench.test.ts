/** The benchmark script works end to end at a small size; its figures are not asserted. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, repoPath } from '../helpers/run.js';

describe('npm run bench', () => {
  it('generates a seeded backlog, times the commands in rotation and reports ratios, memory and agreement', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-bench-'));
    const result = spawnSync(process.execPath, [repoPath('scripts/bench.mjs'), '--items', '2000', '--runs', '2', '--dir', dir, '--jobs', '2', '--no-duckdb'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[1]).toBe('union-triage bench: 2,000 items (0.5 MB CSV, seed 20240601), 2 run(s) each, alternating');
    const runs = lines.filter((line) => line.startsWith('  run '));
    for (const line of runs) expect(line).toMatch(/^ {2}run \d: .+ {2}\d+\.\d\d s {2}\d+ MB$/);
    expect(runs.map((line) => line.replace(/\s+\d+\.\d\d s {2}\d+ MB$/, ''))).toEqual([
      '  run 1: csv-parse alone (columns: true)',
      '  run 1: triage --jobs 1 -f csv',
      '  run 1: triage --jobs 2 -f csv',
      '  run 2: triage --jobs 1 -f csv',
      '  run 2: triage --jobs 2 -f csv',
      '  run 2: csv-parse alone (columns: true)',
    ]);
    expect(lines.slice(-4, -1)).toEqual([
      expect.stringMatching(/^ratio triage \(--jobs 2 -f csv\) \/ csv-parse: \d+\.\d\dx \(median of paired runs; target <= 0\.5x: (within|OVER) target\)$/),
      expect.stringMatching(/^ratio triage --jobs 2 \/ --jobs 1: \d+\.\d\dx$/),
      expect.stringMatching(/^triage peak RSS: \d+ MB \(target <= 150 MB: (within|OVER) target\)$/),
    ]);
    expect(lines.at(-1)).toBe('--jobs 2 output byte-identical to --jobs 1: yes');
    expect(readdirSync(dir)).toEqual(['backlog-v1-2000-20240601.csv']);
  }, 90_000);
});
