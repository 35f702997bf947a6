/**
 * A short fuzz pass in the test suite (`npm run fuzz` runs the long one): a few hundred
 * mutated CSV, YAML, JSON and JSONL files, and a few dozen cases of the other families
 * (costly principle sets, costly keywords, odd file names, links, devices and FIFOs),
 * through score and validate, in-process and as child processes, each ending with an
 * allowed exit code, no stack trace and no hang.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, repoPath } from '../helpers/run.js';

interface Summary {
  seed: number;
  cases: number;
  inProcessRuns: number;
  childRuns: number;
  families: Record<string, number>;
  exitCodes: Record<string, number>;
  seconds: number;
  failures: Array<{ index: number; problem: string; replay: string }>;
}

function fuzz(args: string[]): { status: number | null; summary: Summary; stderr: string } {
  const save = mkdtempSync(join(tmpdir(), 'triage-fuzz-failures-'));
  const result = spawnSync(process.execPath, [repoPath('scripts/fuzz.mjs'), ...args, '--save', save, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, summary: JSON.parse(result.stdout) as Summary, stderr: result.stderr };
}

describe('npm run fuzz', () => {
  it('runs a short pass with no failure: every run ends, with an allowed exit code and no stack trace', () => {
    const { status, summary, stderr } = fuzz(['--cases', '400', '--seed', '2024']);
    expect(summary.failures).toEqual([]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(summary.cases).toBe(400);
    // Every case runs score and validate in-process (config cases: score only), and a sample as real processes.
    expect(summary.inProcessRuns).toBeGreaterThanOrEqual(700);
    expect(summary.childRuns).toBeGreaterThanOrEqual(8);
    // validate exits 2 only for paths that cannot be read: a dangling link, a name too long.
    for (const key of Object.keys(summary.exitCodes)) expect(['score 0', 'score 1', 'score 2', 'validate 0', 'validate 1', 'validate 2']).toContain(key);
    expect(summary.families).toEqual({ complexity: 7, keywords: 7, links: 9, mutation: 360, names: 17 });
  }, 60_000);

  it('is deterministic: the same seed makes the same cases, with the same outcomes', () => {
    const first = fuzz(['--cases', '60', '--seed', '99', '--processes', '0']);
    const again = fuzz(['--cases', '60', '--seed', '99', '--processes', '0', '--workers', '1']);
    expect(again.summary.exitCodes).toEqual(first.summary.exitCodes);
    const other = fuzz(['--cases', '60', '--seed', '100', '--processes', '0']);
    expect(other.summary.exitCodes).not.toEqual(first.summary.exitCodes);
  }, 60_000);

  it('runs only the families asked for', () => {
    const { status, summary } = fuzz(['--cases', '8', '--seed', '5', '--families', 'names,links', '--processes', '2']);
    expect({ status, failures: summary.failures }).toEqual({ status: 0, failures: [] });
    expect(Object.keys(summary.families).sort()).toEqual(['links', 'names']);
    expect(summary.childRuns).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('refuses options it does not know, with usage', () => {
    const result = spawnSync(process.execPath, [repoPath('scripts/fuzz.mjs'), '--casses', '3'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('fuzz: unknown option --casses');
    const family = spawnSync(process.execPath, [repoPath('scripts/fuzz.mjs'), '--families', 'names,typos'], { cwd: ROOT, encoding: 'utf8' });
    expect(family.stderr.split('\n')[0]).toBe('fuzz: unknown family typos: choose from complexity, keywords, names, links');
  });
});
