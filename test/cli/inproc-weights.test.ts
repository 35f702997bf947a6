/** `triage weights` as a command, in-process: exit codes, standard input, and no terminal. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const HOUSE = ['-p', 'test/fixtures/weights/house-principles.yaml', '--matrix', 'test/fixtures/weights/house.yaml'];

describe('triage weights, as a command', () => {
  it("gives Saaty's house example to 3 decimals, with exit 1 for its CR of 0.169", async () => {
    const { code, stdout, stderr } = await cli(['weights', ...HOUSE, '-f', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { weights: Record<string, number>; consistencyRatio: number; lambdaMax: number };
    expect(Object.entries(result.weights).map(([id, w]) => `${id} ${w.toFixed(3)}`)).toEqual([
      'size 0.173',
      'transportation 0.054',
      'neighbourhood 0.188',
      'age 0.018',
      'yard-space 0.031',
      'facilities 0.036',
      'condition 0.167',
      'financing 0.333',
    ]);
    expect([result.lambdaMax.toFixed(3), result.consistencyRatio.toFixed(3)]).toEqual(['9.669', '0.169']);
    expect((await cli(['weights', ...HOUSE, '--max-cr', '0.2'])).code).toBe(0);
  });

  it('reads the matrix from standard input', async () => {
    const { code, stdout } = await cli(['weights', '--matrix', '-', '-f', 'json'], { input: readFileSync('examples/judgements.yaml') });
    expect(code).toBe(0);
    expect(Object.keys((JSON.parse(stdout) as { weights: object }).weights)).toEqual([
      'insight-led',
      'self-empowerment',
      'continuous-feedback',
      'seamless-care',
      'citizen-outcomes',
    ]);
  });

  it('needs a terminal to ask questions, and says how to do without one', async () => {
    expect(await cli(['weights'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'triage weights asks questions, so it needs a terminal, and standard input is not one; run it in a terminal; in a script, give the judgements with --matrix FILE\n',
    });
  });

  it('lists itself in the help, with examples', async () => {
    expect((await cli(['--help'])).stdout).toContain('  weights [options]');
    const help = await cli(['weights', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('  $ triage weights -p principles.yaml --matrix judgements.yaml --write principles.yaml --force\n');
  });
});
