/**
 * A person at a terminal sees what a capacity run is doing while it optimises: a line per body
 * being optimised and per point of the frontier, each overwriting the last, and the line cleared
 * before the results. Never when standard error is not a terminal, and never with --quiet.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const ARGS = ['score', 'examples/backlog.csv', '-p', 'examples/union-capacity.yaml'];
const CLEAR = '\r\x1b[K';

describe('capacity progress on a terminal', () => {
  it('names each body as it is optimised, then clears the line', async () => {
    const { code, stderr } = await cli([...ARGS, '-f', 'csv'], { stderrTty: true });
    expect(code).toBe(0);
    const lines = stderr.split(CLEAR).filter(Boolean);
    // Each body starts at 0 s; a slow machine may hear more from the solver before it is done.
    expect(lines.slice(0, 1)).toEqual(['optimising The Union: 7 items, 0 s']);
    expect(lines).toContain('optimising Council: 4 items, 0 s');
    expect(new Set(lines.map((l) => l.replace(/, \d+ s.*$/, '')))).toEqual(new Set(['optimising The Union: 7 items', 'optimising Council: 4 items']));
    expect(stderr.startsWith(CLEAR) && stderr.endsWith(CLEAR)).toBe(true);
  });

  it('counts the frontier points of the reports that show them', async () => {
    const { code, stderr } = await cli([...ARGS, '-f', 'markdown'], { stderrTty: true });
    expect(code).toBe(0);
    const lines = stderr.split(CLEAR).filter(Boolean);
    expect(lines.filter((l) => l.startsWith('working out The Union'))).toHaveLength(9);
    expect(lines.filter((l) => l.startsWith('working out Council'))).toHaveLength(7);
    expect(lines.at(-1)).toBe("working out Council's frontier: 7 of 7 capacities");
    expect(stderr.endsWith(CLEAR)).toBe(true);
  });

  it('says nothing when standard error is not a terminal, or with --quiet', async () => {
    expect((await cli([...ARGS, '-f', 'csv'])).stderr).toBe('');
    expect((await cli([...ARGS, '-f', 'csv', '--quiet'], { stderrTty: true })).stderr).toBe('');
  });
});
