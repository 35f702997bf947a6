/**
 * `triage score` with the example resourcing model (examples/union-capacity.yaml): what fits,
 * what overflows and why, the summary per body, decisions forcing items in and out, the CI
 * gate, and the efficient frontier, every point checked by hand on the example backlog.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const SET = ['-p', 'examples/union-capacity.yaml'];
const temp = (): string => mkdtempSync(join(tmpdir(), 'triage-capacity-'));

interface Item {
  id: string;
  route: string;
  rule: string;
  reason: string;
  capacity?: { fits: boolean; because: string; route: string; commit?: string };
  recommended?: { route: string; rule: string };
}

async function json(
  args: string[],
): Promise<{ summary: { routes: Record<string, { count: number; capacity?: Record<string, unknown> }> }; items: Item[]; code: number; stderr: string }> {
  const result = await cli(['score', 'examples/backlog.csv', ...SET, '-f', 'json', ...args]);
  return { ...(JSON.parse(result.stdout) as { summary: never; items: Item[] }), code: result.code, stderr: result.stderr };
}

function decisions(text: string): string {
  const file = join(temp(), 'decisions.yaml');
  writeFileSync(file, text);
  return file;
}

const byId = (items: Item[]): Map<string, Item> => new Map(items.map((i) => [i.id, i]));

describe('score with capacity', () => {
  it('commits the most aligned work within every limit and sends the rest to review, keeping the recommendation', async () => {
    const { items, summary, code } = await json([]);
    expect(code).toBe(0);
    const ids = byId(items);
    expect(ids.get('WI-02')).toMatchObject({
      route: 'review',
      rule: 'over-capacity',
      reason: "Over capacity: the body it was routed to cannot take it on in 2026-27 (other work gives more value within The Union's capacity for 2026-27)",
      capacity: { fits: false, because: "other work gives more value within The Union's capacity for 2026-27", route: 'union' },
      recommended: { route: 'union', rule: 'union-leads' },
    });
    expect(ids.get('WI-01')?.capacity).toEqual({ fits: true, because: "fits within The Union's capacity for 2026-27", route: 'union' });
    expect(ids.get('WI-01')?.route).toBe('union');
    // Routes without a capacity carry no capacity at all.
    expect(ids.get('WI-05')?.capacity).toBeUndefined();
    expect(items.filter((i) => i.rule === 'over-capacity').map((i) => i.id)).toEqual(['WI-02', 'WI-09', 'WI-19']);
    expect(summary.routes['union']?.capacity).toEqual({
      period: '2026-27',
      limit: { effort_weeks: 100, cost_gbp: 2000000 },
      used: { effort_weeks: 98, cost_gbp: 1160000 },
      asked: { effort_weeks: 158, cost_gbp: 2210000 },
      value: 317,
      optimal: true,
      fits: 5,
      over: 2,
    });
    expect(summary.routes['council']?.capacity).toMatchObject({ limit: { effort_weeks: 10 }, used: { effort_weeks: 10 }, value: 33, fits: 3, over: 1 });
    expect(summary.routes['union']?.count).toBe(5);
    expect(summary.routes['ccg']?.capacity).toBeUndefined();
  });

  it('JSONL carries the same per-item capacity', async () => {
    const result = await cli(['score', 'examples/backlog.csv', ...SET, '-f', 'jsonl']);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Item);
    expect(lines.find((l) => l.id === 'WI-09')?.capacity).toEqual({
      fits: false,
      because: "other work gives more value within The Union's capacity for 2026-27",
      route: 'union',
    });
  });

  it('a decision forces an item in (commit: in), and the rest is chosen around it', async () => {
    const file = decisions('decisions:\n  - { id: WI-09, route: union, rationale: Promised to the board, commit: in }\n');
    const { items, summary } = await json(['--decisions', file]);
    const ids = byId(items);
    expect(ids.get('WI-09')?.route).toBe('union');
    expect(ids.get('WI-09')?.capacity).toEqual({
      fits: true,
      because: "committed by a decision (commit: in), counted against The Union's capacity for 2026-27",
      route: 'union',
      commit: 'in',
    });
    expect(items.filter((i) => i.capacity?.route === 'union' && !i.capacity.fits).map((i) => i.id)).toEqual(['WI-01', 'WI-02']);
    expect(summary.routes['union']?.capacity).toMatchObject({ used: { effort_weeks: 92, cost_gbp: 960000 }, value: 299, optimal: true });
  });

  it('a decision forces an item out (commit: out)', async () => {
    const file = decisions('decisions:\n  - { id: WI-08, route: union, rationale: Waiting on the crisis review, commit: out }\n');
    const { items, summary } = await json(['--decisions', file]);
    const ids = byId(items);
    expect(ids.get('WI-08')).toMatchObject({
      route: 'review',
      rule: 'over-capacity',
      capacity: { fits: false, because: 'left out by a decision (commit: out)', route: 'union', commit: 'out' },
    });
    expect(items.filter((i) => i.capacity?.route === 'union' && i.capacity.fits).map((i) => i.id)).toEqual(['WI-01', 'WI-03', 'WI-07', 'WI-09', 'WI-22']);
    expect(summary.routes['union']?.capacity).toMatchObject({ used: { effort_weeks: 88 }, value: 293 });
  });

  it('items forced in beyond a limit are kept, and the run says so', async () => {
    const file = decisions(
      'decisions:\n' +
        ['WI-01', 'WI-02', 'WI-08', 'WI-12'].map((id) => `  - { id: ${id}, route: union, rationale: Board says so, commit: in }`).join('\n') +
        '\n',
    );
    const { summary, stderr } = await json(['--decisions', file]);
    expect(summary.routes['union']?.capacity).toMatchObject({ used: { effort_weeks: 148, cost_gbp: 3600000 }, forcedOver: ['effort_weeks', 'cost_gbp'] });
    expect(stderr).toContain('triage: warning: the items forced in (commit: in) on "union" need 148 effort_weeks, more than its limit of 100\n');
    expect(stderr).toContain('need 3600000 cost_gbp, more than its limit of 2000000\n');
  });

  it('commit needs a rationale and is in or out', async () => {
    const file = decisions('decisions:\n  - { id: WI-09, route: union, commit: maybe }\n');
    const result = await cli(['score', 'examples/backlog.csv', ...SET, '--decisions', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${file}:2:40: error: "commit" must be in (commit the item within its route's capacity) or out (leave it out) [decisions/schema]\n`,
    );
    const bare = decisions('decisions:\n  - { id: WI-09, route: union, commit: in }\n');
    const without = await cli(['score', 'examples/backlog.csv', ...SET, '--decisions', bare]);
    expect(without.code).toBe(2);
    expect(without.stderr).toBe(`${bare}:2:40: error: decision 1 forces the item into its route's capacity: give the "rationale" for it [decisions/schema]\n`);
  });

  it('--fail-on over-capacity exits 1 and names the items', async () => {
    const result = await cli(['score', 'examples/backlog.csv', ...SET, '-f', 'csv', '--fail-on', 'over-capacity']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('fail-on: 3 items did not fit capacity: over-capacity: WI-02, WI-09, WI-19\n');
  });

  it('--fail-on over-capacity with a set that declares no capacity is a usage error', async () => {
    const result = await cli(['score', 'examples/backlog.csv', '--fail-on', 'over-capacity']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--fail-on over-capacity: the principle set declares no capacity, so no item can be over it');
  });

  it('the table marks what does not fit and sums each body up', async () => {
    const result = await cli(['score', 'examples/backlog.csv', ...SET], { env: { COLUMNS: '200' } });
    expect(result.stdout).toMatch(/│ WI-02 │[^\n]*│ Needs review \^ │/);
    expect(result.stdout).toContain('capacity 2026-27: The Union 98 of 100 effort_weeks, 1,160,000 of 2,000,000 cost_gbp · 2 over capacity ^\n');
    expect(result.stdout).toContain('capacity 2026-27: Council 10 of 10 effort_weeks · 1 over capacity ^');
  });

  it('--time-limit takes seconds above 0', async () => {
    const result = await cli(['score', 'examples/backlog.csv', ...SET, '--time-limit', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `triage: option '--time-limit <seconds>' argument '0' is invalid. give a number of seconds above 0, e.g. 30; run "triage score --help" for usage\n`,
    );
    const quick = await json(['--time-limit', '0.5']);
    expect(quick.summary.routes['union']?.capacity).toMatchObject({ value: 317, optimal: true });
  });

  it('--sort route sorts by the route after capacity', async () => {
    const result = await cli(['score', 'examples/backlog.csv', ...SET, '-f', 'csv', '--sort', 'route']);
    const routes = result.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[2]);
    expect(routes).toEqual([
      'union',
      'union',
      'union',
      'union',
      'union',
      'council',
      'council',
      'council',
      'ccg',
      'ccg',
      'ccg',
      'ccg',
      'individual',
      'individual',
      'individual',
      'review',
      'review',
      'review',
      'review',
      'review',
      'review',
      'review',
    ]);
  });
});

describe('the efficient frontier', () => {
  it('Markdown gives the best value at each capacity, exact on the example', async () => {
    const result = await cli(['score', 'examples/backlog.csv', ...SET, '-f', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('With 20 more effort\\_weeks The Union could also take WI-09.\n');
    // Checked by hand: the best subsets of The Union's seven items at each effort, within £2m.
    expect(result.stdout).toContain(
      [
        '| effort\\_weeks | Best value | Against the commitment made |',
        '| ---: | ---: | --- |',
        '| 0 | 0 | with 100 fewer effort\\_weeks The Union would have to drop WI-01, WI-03, WI-07, WI-08, WI-22 |',
        '| 20 | 65 | with 80 fewer effort\\_weeks The Union would have to drop WI-01, WI-03, WI-07, WI-08 |',
        '| 40 | 134 | with 60 fewer effort\\_weeks The Union would have to drop WI-03, WI-07, WI-08 |',
        '| 60 | 194 | with 40 fewer effort\\_weeks The Union would have to drop WI-01, WI-07 |',
        '| 80 | 248 | with 20 fewer effort\\_weeks The Union would have to drop WI-01 |',
        '| 100 | 317 | the commitment made |',
        '| 120 | 368 | with 20 more effort\\_weeks The Union could also take WI-09 |',
        '| 140 | 396 | with 40 more effort\\_weeks The Union could also take WI-02 |',
        '| 160 | 396 | with 60 more effort\\_weeks The Union could also take WI-02 |',
      ].join('\n'),
    );
    expect(result.stdout).toContain('| The Union | effort\\_weeks | 100 | 98 | 98% | 158 |\n');
  });

  it('HTML draws a bar per limit and says what more capacity would buy', async () => {
    const out = join(temp(), 'report.html');
    const result = await cli(['score', 'examples/backlog.csv', ...SET, '-f', 'html', '-o', out]);
    expect(result.code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<meter min="0" max="100" value="98" low="80" high="100" optimum="0">98%</meter> 98 of 100 (98%); asked 158');
    expect(page).toContain('<p class="next-step">With 20 more effort_weeks The Union could also take WI-09.</p>');
    expect(page).toContain(
      '<span class="badge">over capacity</span> The Union recommended, but other work gives more value within The Union&#39;s capacity for 2026-27.',
    );
  });
});

describe('validate', () => {
  it('gives each capacity problem its place', async () => {
    const source = readFileSync('examples/union-capacity.yaml', 'utf8')
      .replace('    council: { effort_weeks: 10 }', '    council: { effort: 0 }\n    nowhere: { effort_weeks: 5 }')
      .replace('  value: alignment', '  value: owner');
    const file = join(temp(), 'set.yaml');
    writeFileSync(file, source);
    const lines = source.split('\n');
    const line = (text: string): number => lines.findIndex((l) => l.includes(text)) + 1;
    const result = await cli(['validate', file, '--format', 'github']);
    expect(result.code).toBe(1);
    const council = line('council: { effort: 0 }');
    expect(
      result.stdout
        .trim()
        .split('\n')
        .filter((l) => l.includes('principles/capacity')),
    ).toEqual([
      `::error file=${file},line=${line('value: owner')},col=10,title=principles/capacity::value "owner" is a string field; capacity adds numbers up, so use a number field (effort_weeks, cost_gbp, citizen_impact)`,
      `::error file=${file},line=${council},col=16,title=principles/capacity::capacity field "effort" is not a declared field: use a number field (effort_weeks, cost_gbp, citizen_impact) or declare it`,
      `::error file=${file},line=${council},col=24,title=principles/capacity::the effort limit of "council" is 0: a limit must be a positive number`,
      `::error file=${file},line=${line('nowhere:')},col=5,title=principles/capacity::route "nowhere" is not declared: use one of union, council, ccg, individual, review`,
    ]);
  });

  it('the example resourcing model is valid', async () => {
    const result = await cli(['validate', 'examples/union-capacity.yaml']);
    expect(result.code).toBe(0);
  });
});
