/**
 * No regex built from input, and none that input can make run long: `mentions` tokenizes
 * the words it is given, so keywords that look like catastrophic patterns are only words,
 * and long descriptions cost time in proportion to their length.
 */
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { compilePolicy } from '../../src/core/compile.js';
import type { WorkItem } from '../../src/core/types.js';
import { checkPrinciples } from '../../src/principles/load.js';
import { kindOfDocument } from '../../src/validate/kinds.js';
import { repoPath } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

/** Every TypeScript source file under src/. */
function sources(dir = repoPath('src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Keywords written the way a regex bomb is written, and the longest phrase allowed (10 words). */
const KEYWORDS = ['(a+)+$', '(x|x)*y', '^(a|aa)+$', `${'a'.repeat(40)}!`, '.*.*.*=', '\\', '[', '(?<=a)b', 'a a a a a a a a a b'];

function hostileSet(): string {
  const union = readFileSync(repoPath('principles/union.yaml'), 'utf8');
  const quoted = KEYWORDS.map((k) => JSON.stringify(k)).join(', ');
  // The first criterion of the bundled set tests `evidence`; make it a `mentions` test instead.
  return union.replace('when: { field: evidence, includes: [quantitative] }', `when: { field: description, mentions: [${quoted}] }`);
}

describe('no regex from input', () => {
  it('src/ builds no RegExp, Function or eval from anything but constants', async () => {
    const offenders = sources().flatMap((path) => {
      // The schema validator ajv generates at build time compiles the schema's own patterns,
      // written into it as string literals: those are constants, not input.
      const text = readFileSync(path, 'utf8').replace(/new RegExp\("(?:[^"\\]|\\.)*", "u"\)/g, '');
      return [/\bRegExp\(/, /new Function\(/, /\bFunction\(/, /\beval\(/]
        .filter((pattern) => pattern.test(text))
        .map((pattern) => `${path}: ${pattern.source}`);
    });
    expect(offenders).toEqual([]);
  });

  it('keywords that look like catastrophic patterns are words; long texts finish', async () => {
    const check = checkPrinciples(hostileSet(), 'hostile.yaml');
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const policy = compilePolicy(check.set!);
    const texts = [
      'a'.repeat(500_000),
      `${'a'.repeat(500_000)}!`,
      'a '.repeat(250_000),
      `${'a '.repeat(250_000)}b`,
      'x'.repeat(500_000) + 'y',
      '(a+)+$ '.repeat(50_000),
      '\\'.repeat(500_000),
    ];
    for (const description of texts) {
      const item: WorkItem = {
        id: 'R-1',
        title: 'Regex bomb',
        values: { id: 'R-1', title: 'Regex bomb', description },
        extra: {},
        source: { file: 'x', line: 2 },
      };
      // No clock: a backtracking pattern would not finish these within the test's timeout.
      const result = assess(policy, item);
      expect(result.alignment).toBeGreaterThanOrEqual(0);
    }
    // Whole words, without case: "(a+)+$" is the word "a", so it matches a text that says "A".
    const said = (description: string): boolean | null =>
      assess(policy, { id: 'R-2', title: 't', values: { id: 'R-2', title: 't', description }, extra: {}, source: { file: 'x', line: 2 } }).principles[0]!
        .criteria[0]!.met;
    expect(said('Plan A, then plan B')).toBe(true);
    expect(said('aaa only')).toBe(false);
  });

  it('as a command: a near-1 MB description scores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-regex-'));
    const set = join(dir, 'principles.yaml');
    writeFileSync(set, hostileSet());
    const items = join(dir, 'items.csv');
    writeFileSync(items, `id,title,description\nR-1,Long,${'a'.repeat(1000_000)}\nR-2,Spaced,${'a '.repeat(450_000)}b\n`);
    const { code, stdout, stderr } = await cli(['score', items, '-p', set, '-f', 'jsonl']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it("a lazy pattern no longer backtracks on a long line when validate tells a file's kind", async () => {
    const line = `a${' '.repeat(200_000)}b\n`;
    expect(kindOfDocument(line, 'yaml')).toBe('items');
    expect(kindOfDocument(`decisions:\n${line}`, 'yaml')).toBe('decisions');
    expect(kindOfDocument('"routes" : x\n', 'yaml')).toBe('principles');
  });
});
