/**
 * The worked example of docs/calibrate.md and the analyst guide is real output: each `$ triage
 * calibrate ...` block is run, and its lines must be what the command prints (in order, where
 * the block leaves some out with `...`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { repoPath } from '../helpers/run.js';

interface Example {
  args: string[];
  lines: string[];
}

/** Code blocks that start with `$ triage calibrate`: the command and the lines printed after it. */
function examples(path: string): Example[] {
  const text = readFileSync(repoPath(path), 'utf8');
  const found: Example[] = [];
  for (const block of text.matchAll(/```\n(\$ triage calibrate [^\n]*)\n([\s\S]*?)```/g)) {
    const command = (block[1] as string).slice('$ triage '.length);
    const printed = (block[2] as string).split('\n');
    // A second command in the block ends what the first printed.
    const end = printed.findIndex((line) => line.startsWith('$ '));
    found.push({ args: command.split(' '), lines: (end < 0 ? printed : printed.slice(0, end)).filter((line, k, all) => k < all.length - 1 || line !== '') });
  }
  return found;
}

/** The shown lines, in order, each in the output; `...` stands for lines left out. */
function shownIn(shown: readonly string[], output: string): string[] {
  // Trailing blanks are compared away: a Markdown formatter strips them from code blocks.
  const lines = output
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.trimEnd());
  const missing: string[] = [];
  let at = 0;
  let gap = false;
  for (const line of shown) {
    if (line.trim() === '...') {
      gap = true;
      continue;
    }
    const k = lines.indexOf(line.trimEnd(), at);
    if (k < 0 || (!gap && k !== at)) missing.push(line);
    else at = k + 1;
    gap = false;
  }
  if (!gap && at !== lines.length) missing.push(`(more lines printed after "${shown[shown.length - 1] ?? ''}")`);
  return missing;
}

describe.each(['docs/calibrate.md', 'docs/guides/analyst.md'])('the triage calibrate examples of %s', (path) => {
  const found = examples(path).filter((e) => !e.args.includes('--write'));

  it('are there to check', () => {
    expect(found.length).toBeGreaterThanOrEqual(path === 'docs/guides/analyst.md' ? 1 : 3);
  });

  it.each(found.map((e) => [e.args.join(' '), e] as const))('%s prints what is shown', async (_, example) => {
    const { code, stdout } = await cli(example.args);
    expect(code).toBe(0);
    expect(shownIn(example.lines, stdout)).toEqual([]);
  });
});
