/** `triage weights` in-process: from a matrix file through `run`, and in the terminal with a scripted prompter. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { weightsCommand, type WeightsOptions } from '../../src/cli/weights.js';
import { repoPath } from '../helpers/run.js';
import { CTRL_C, ScriptedPrompter, type Step } from '../interactive/fake-prompter.js';
import { terminalIo } from './terminal-io.js';

const HOUSE_SET = repoPath('test/fixtures/weights/house-principles.yaml');
const HOUSE = repoPath('test/fixtures/weights/house.yaml');
const UNION = repoPath('principles/union.yaml');
const JUDGEMENTS = repoPath('examples/judgements.yaml');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-cli-weights-'));
}

/** `triage <args>` in-process, with standard input that is not a terminal, as in CI. */
async function triage(args: string[]) {
  const t = terminalIo(folder());
  const io = { ...t.io, stdin: Object.assign(t.io.stdin, { isTTY: false }) };
  const code = await run(args, io);
  return { code, stdout: t.out(), stderr: t.err() };
}

/** The options commander gives the command, with some set. */
function options(set: Partial<WeightsOptions> = {}): WeightsOptions {
  return { format: 'table', color: false, maxCr: '0.1', ...set };
}

const weightLines = (text: string): string[] => text.split('\n').filter((line) => /^\s+weight:/.test(line));

describe('triage weights --matrix', () => {
  it("reproduces Saaty's house example as JSON, and exits 1 as its CR (0.169) is above 0.10", async () => {
    const { code, stdout, stderr } = await triage(['weights', '-p', HOUSE_SET, '--matrix', HOUSE, '-f', 'json']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout) as { weights: Record<string, number>; consistencyRatio: number; lambdaMax: number; consistent: boolean };
    expect(Object.values(result.weights).map((w) => w.toFixed(3))).toEqual(['0.173', '0.054', '0.188', '0.018', '0.031', '0.036', '0.167', '0.333']);
    expect(result.consistencyRatio.toFixed(3)).toBe('0.169');
    expect(result.lambdaMax.toFixed(3)).toBe('9.669');
    expect(result.consistent).toBe(false);
  });

  it('exits 0 when the CR is within --max-cr', async () => {
    expect((await triage(['weights', '-p', HOUSE_SET, '--matrix', HOUSE, '--max-cr', '0.2'])).code).toBe(0);
    expect((await triage(['weights', '--matrix', JUDGEMENTS])).code).toBe(0);
  });

  it('writes the weights into a new copy of the principle set, changing nothing else', async () => {
    const out = join(folder(), 'house.yaml');
    const { code, stderr } = await triage(['weights', '-p', HOUSE_SET, '--matrix', HOUSE, '--max-cr', '0.2', '--write', out]);
    expect(code).toBe(0);
    expect(stderr).toBe(`weights written to ${out}\n`);
    const before = readFileSync(HOUSE_SET, 'utf8');
    const after = readFileSync(out, 'utf8');
    expect(weightLines(after)).toEqual(['1.38', '0.432', '1.5', '0.14', '0.248', '0.291', '1.33', '2.67'].map((w) => `    weight: ${w} # equal until judged`));
    expect(after.split('\n').filter((line) => !/^\s+weight:/.test(line))).toEqual(before.split('\n').filter((line) => !/^\s+weight:/.test(line)));
  });

  it('writes nothing when the CR is above --max-cr, and says so', async () => {
    const out = join(folder(), 'house.yaml');
    const { code, stderr } = await triage(['weights', '-p', HOUSE_SET, '--matrix', HOUSE, '--write', out, '-q']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `triage: ${out} was not written: the consistency ratio 0.169 is above 0.10; reconsider the judgements named above, or accept more with --max-cr\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('replaces a file that exists only with --force, the principle set itself included', async () => {
    const dir = folder();
    const set = join(dir, 'principles.yaml');
    copyFileSync(UNION, set);
    const refused = await triage(['weights', '-p', set, '--matrix', JUDGEMENTS, '--write', set]);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: `${set} exists (it is the principle set being read), and is written over only with --force; add --force to update its weights in place, or name a new file\n`,
    });
    expect(readFileSync(set, 'utf8')).toBe(readFileSync(UNION, 'utf8'));
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'keep me\n');
    expect((await triage(['weights', '--matrix', JUDGEMENTS, '--write', other])).stderr).toBe(
      `${other} exists, and is written over only with --force; add --force to replace it, or name a new file\n`,
    );
    expect(readFileSync(other, 'utf8')).toBe('keep me\n');

    expect((await triage(['weights', '-p', set, '--matrix', JUDGEMENTS, '--write', set, '--force'])).code).toBe(0);
    expect(weightLines(readFileSync(set, 'utf8'))).toEqual(['0.754', '0.412', '0.433', '1.27', '2.13'].map((w) => `    weight: ${w}`));
  });

  it('never writes over the matrix file or the bundled principle set, even with --force', async () => {
    const dir = folder();
    const matrix = join(dir, 'judgements.yaml');
    copyFileSync(JUDGEMENTS, matrix);
    expect(await triage(['weights', '--matrix', matrix, '--write', matrix, '--force'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${matrix} is the pairwise comparisons file being read: it is never written over; choose another file\n`,
    });
    expect(readFileSync(matrix, 'utf8')).toBe(readFileSync(JUDGEMENTS, 'utf8'));
    const bundled = await triage(['weights', '--matrix', JUDGEMENTS, '--write', UNION, '--force']);
    expect(bundled.code).toBe(2);
    expect(bundled.stderr).toBe(`${UNION} is the bundled principle set, which stays as shipped; write your own copy, e.g. --write principles.yaml\n`);
  });

  it('reports every problem of an unusable matrix file with its position, and exits 2', async () => {
    const matrix = join(folder(), 'bad.yaml');
    writeFileSync(matrix, 'pairwise:\n  insight-led: { self-empowerment: 3.5 }\n');
    const { code, stdout, stderr } = await triage(['weights', '--matrix', matrix]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `${matrix}:1:1: error: 9 pairs are not compared: insight-led and continuous-feedback, insight-led and seamless-care, insight-led and citizen-outcomes, self-empowerment and continuous-feedback, self-empowerment and seamless-care, self-empowerment and citizen-outcomes, continuous-feedback and seamless-care, continuous-feedback and citizen-outcomes, seamless-care and citizen-outcomes; each pair needs one judgement, e.g. insight-led: { continuous-feedback: 3 } [pairwise/missing-pair]`,
      `${matrix}:2:36: error: 3.5 is not on Saaty's scale: give 1 to 9 (1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4, 6, 8 between), or 1/2 to 1/9 when the other is the more important [pairwise/scale]`,
      '',
    ]);
  });

  it('refuses usage it cannot serve, with the way out', async () => {
    expect(await triage(['weights'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'triage weights asks questions, so it needs a terminal, and standard input is not one; run it in a terminal; in a script, give the judgements with --matrix FILE\n',
    });
    expect((await triage(['weights', '--matrix', JUDGEMENTS, '--max-cr', '-1'])).stderr).toBe(
      "--max-cr -1: give a number, 0 or more; e.g. --max-cr 0.1 (Saaty's rule) or --max-cr 0.2\n",
    );
    expect((await triage(['weights', '--matrix', '-', '-p', '-'])).stderr).toBe(
      'standard input (-) can be read only once, and both -p and --matrix name it; save one of the two to a file and name it\n',
    );
    expect((await triage(['weights', '--matrix', JUDGEMENTS, '--save-matrix', 'x.yaml'])).code).toBe(2);
    expect((await triage(['weights', '--matrix', JUDGEMENTS, '--write', '-'])).stderr).toBe(
      '--write needs a file name; e.g. --write principles.yaml --force\n',
    );
    expect((await triage(['weights', '--matrix', JUDGEMENTS, '-f', 'csv'])).code).toBe(2);
  });

  it('refuses a principle set of more than 10 principles, pointing at them', async () => {
    const text = readFileSync(UNION, 'utf8');
    const start = text.indexOf('  - id: insight-led');
    const end = text.indexOf('\ntransformation:');
    const principles = text.slice(start, end);
    const copies = [0, 1, 2].map((k) => principles.replace(/ {2}- id: ([a-z-]+)\n/g, `  - id: $1-${k}\n`)).join('\n');
    const set = join(folder(), 'many.yaml');
    writeFileSync(set, text.slice(0, start) + copies + text.slice(end));
    const line = text.slice(0, text.indexOf('principles:\n')).split('\n').length;
    const { code, stderr } = await triage(['weights', '-p', set, '--matrix', JUDGEMENTS]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `${set}:${line}:1: the principle set has 15 principles, and triage weights compares at most 10; Saaty's random index, which the consistency ratio needs, is published for up to 10, and 105 comparisons are hard to keep consistent: group related principles, or set the weights by hand\n`,
    );
  });
});

/** A scripted prompter with numbers allowed in the script (intensities). */
const prompterOf = (steps: Array<Step | number>, thenEnter = false) => new ScriptedPrompter(steps as Step[], { thenEnter });

describe('triage weights in the terminal', () => {
  it("Enter at every question keeps the current weights' ratios, as near as the scale allows", async () => {
    const dir = folder();
    const set = join(dir, 'principles.yaml');
    copyFileSync(UNION, set);
    const t = terminalIo(dir);
    const code = await weightsCommand(options({ principles: set, write: set, force: true }), t.io, prompterOf([], true));
    expect(code).toBe(0);
    // 3 : 2 is nearest 2 on the scale, so the ratios become 2 : 1.
    expect(weightLines(readFileSync(set, 'utf8'))).toEqual(['1.25', '0.625', '0.625', '1.25', '1.25'].map((w) => `    weight: ${w}`));
    // Questions go where a person sees them: standard output is not a terminal here, so stderr.
    expect(t.err().replace(/\s+/g, ' ')).toBe(
      `Compare the 5 principles of ${set} in pairs (10 comparisons): which is more important, and how much, on Saaty's scale. Enter keeps the ratio of the current weights; Ctrl-C stops without writing anything. weights written to ${set} `,
    );
    // Wrapped to the terminal's width (COLUMNS=80 here), then a blank line before the questions.
    const intro = t.err().split('\n\n')[0] as string;
    expect(intro.split('\n').length).toBeGreaterThan(1);
    expect(intro.split('\n').every((line) => line.length <= 80)).toBe(true);
    expect(t.out()).toContain('  consistency ratio 0.000: consistent enough (at most 0.10)\n');
  });

  it('saves the answers as a matrix file that gives the same weights again', async () => {
    const dir = folder();
    const saved = join(dir, 'judgements.yaml');
    const answers: Array<Step | number> = [
      'first',
      3,
      'second',
      2,
      'equally',
      'first',
      5,
      'second',
      4,
      'second',
      3,
      'equally',
      'first',
      2,
      'second',
      2,
      'second',
      3,
    ];
    const t = terminalIo(dir);
    const code = await weightsCommand(options({ format: 'json', saveMatrix: saved, maxCr: '1' }), t.io, prompterOf(answers));
    expect(code).toBe(0);
    expect(readFileSync(saved, 'utf8')).toBe(
      [
        `# Pairwise comparisons of the principles in ${UNION}, for triage weights --matrix.`,
        '# a: { b: 3 } says a is moderately more important than b (b: { a: 1/3 } says the same).',
        "# Saaty's scale: 1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely (2, 4, 6, 8 between).",
        'pairwise:',
        '  insight-led: { self-empowerment: 3, continuous-feedback: 1/2, seamless-care: 1, citizen-outcomes: 5 }',
        '  self-empowerment: { continuous-feedback: 1/4, seamless-care: 1/3, citizen-outcomes: 1 }',
        '  continuous-feedback: { seamless-care: 2, citizen-outcomes: 1/2 }',
        '  seamless-care: { citizen-outcomes: 1/3 }',
        '',
      ].join('\n'),
    );
    const again = await triage(['weights', '--matrix', saved, '-f', 'json', '--max-cr', '1']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(t.out());
  });

  it('Ctrl-C exits 130 and writes nothing', async () => {
    const dir = folder();
    const out = join(dir, 'principles.yaml');
    const saved = join(dir, 'judgements.yaml');
    const t = terminalIo(dir);
    const code = await weightsCommand(options({ write: out, saveMatrix: saved, quiet: true }), t.io, prompterOf(['first', 3, CTRL_C]));
    expect(code).toBe(130);
    expect(t.err()).toBe('\ninterrupted: nothing was written\n');
    expect(t.out()).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(saved)).toBe(false);
  });

  it('does not write over a principle set someone changed while the questions were answered', async () => {
    const dir = folder();
    const set = join(dir, 'principles.yaml');
    copyFileSync(UNION, set);
    const edited = `${readFileSync(UNION, 'utf8')}# edited meanwhile\n`;
    const prompter = prompterOf([], true);
    const select = prompter.select.bind(prompter);
    let first = true;
    prompter.select = async (question) => {
      if (first) writeFileSync(set, edited);
      first = false;
      return select(question);
    };
    const t = terminalIo(dir);
    await expect(weightsCommand(options({ principles: set, write: set, force: true }), t.io, prompter)).rejects.toThrow(
      `${set} changed while the weights were worked out, so it was not written over`,
    );
    expect(readFileSync(set, 'utf8')).toBe(edited);
  });

  it('refuses to read the principle set from standard input while it asks questions', async () => {
    const t = terminalIo(folder());
    await expect(weightsCommand(options({ principles: '-' }), t.io, prompterOf([]))).rejects.toThrow(
      'triage weights cannot read the principle set from standard input (-p -) while it asks questions: the keyboard is needed for the answers',
    );
  });
});
