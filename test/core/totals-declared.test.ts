/** Route totals follow the principle set's `totals:`: the summary, every report, and what validate checks. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/run.js';

const UNION = readFileSync(join(ROOT, 'principles/union.yaml'), 'utf8');
const BLOCK = 'totals:\n  - { field: effort_weeks, label: Effort, unit: weeks }\n  - { field: cost_gbp, label: Cost, unit: GBP }\n';

/** union.yaml with its totals block replaced, in a fresh folder. */
function setWith(totals: string): string {
  expect(UNION).toContain(BLOCK);
  const path = join(mkdtempSync(join(tmpdir(), 'triage-totals-')), 'set.yaml');
  writeFileSync(path, UNION.replace(BLOCK, totals));
  return path;
}

const CUSTOM = 'totals:\n  - { field: citizen_impact, label: Impact, unit: points }\n  - { field: cost_gbp, label: Budget, unit: EUR }\n';

interface Doc {
  summary: { routes: Record<string, { label: string; count: number; effortWeeks?: number; costGbp?: number; totals: Record<string, unknown> }> };
}

describe('the JSON summary', () => {
  it('keeps effortWeeks and costGbp for the bundled set and adds totals per field', async () => {
    const { code, stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Doc).summary.routes['review']).toEqual({
      label: 'Needs review',
      count: 4,
      effortWeeks: 74,
      costGbp: 2200000,
      totals: {
        effort_weeks: { label: 'Effort', unit: 'weeks', sum: 74, known: 3 },
        cost_gbp: { label: 'Cost', unit: 'GBP', sum: 2200000, known: 3 },
      },
    });
  });

  it('gives the fields a set declares, with its labels and units', async () => {
    const { code, stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'json', '--principles', setWith(CUSTOM)]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Doc).summary.routes['union']?.totals).toEqual({
      citizen_impact: { label: 'Impact', unit: 'points', sum: 29, known: 7 },
      cost_gbp: { label: 'Budget', unit: 'EUR', sum: 2210000, known: 7 },
    });
  });

  it('is empty when the set declares none', async () => {
    const { stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'json', '--principles', setWith('')]);
    expect((JSON.parse(stdout) as Doc).summary.routes['union']).toEqual({ label: 'The Union', count: 7, effortWeeks: 158, costGbp: 2210000, totals: {} });
  });
});

describe('reports show the declared totals', () => {
  it('in the table', async () => {
    const { stdout } = await cli(['score', 'examples/backlog.csv', '--principles', setWith(CUSTOM)], { env: { COLUMNS: '200' } });
    // The missing-data line (tested in the exports tests) sits between the totals and the summary.
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .filter((line) => !line.startsWith('Missing data:'))
        .slice(-4, -2),
    ).toEqual([
      'Impact (points): The Union 29 · Council 8 · CCG 8 · Individual 6 · Needs review 10 · total 61 (21 of 22 known)',
      'Budget: The Union €2,210,000 · Council €100,000 · CCG €1,575,000 · Individual €800 · Needs review €2,200,000 · total €6,085,800 (21 of 22 known)',
    ]);
  });

  it('in Markdown', async () => {
    const { stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'markdown', '--principles', setWith(CUSTOM)]);
    expect(stdout).toContain(
      ['| Route | Items | Impact (points) | Budget |', '| --- | ---: | ---: | ---: |', '| The Union | 7 | 29 | €2,210,000 |'].join('\n'),
    );
    expect(stdout).toContain('| **Total** | **22** | **61 (21 of 22 known)** | **€6,085,800 (21 of 22 known)** |');
  });

  it('in HTML: the cards and the item columns', async () => {
    const { stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'html', '--principles', setWith(CUSTOM)]);
    expect(stdout).toContain('<div class="label">The Union</div>\n<div class="money">29 points<br>€2,210,000</div>');
    expect(stdout).toContain(
      '<th scope="col" class="num">Conf</th><th scope="col" class="num">Points</th><th scope="col" class="num">Budget</th><th scope="col">Because</th>',
    );
  });

  it('and none when the set declares none', async () => {
    const path = setWith('');
    const table = await cli(['score', 'examples/backlog.csv', '--principles', path]);
    // No totals line between the stamp and the data to chase.
    const lines = table.stdout.trimEnd().split('\n');
    const stamp = lines.findIndex((line) => line.startsWith('Scored by union-triage '));
    expect(stamp).toBeGreaterThan(0);
    expect(lines[stamp + 1]).toMatch(/^Missing data: owner 18 of 22 items/);
    const markdown = await cli(['score', 'examples/backlog.csv', '-f', 'markdown', '--principles', path]);
    expect(markdown.stdout).toContain('| Route | Items |\n| --- | ---: |\n| The Union | 7 |');
    const html = await cli(['score', 'examples/backlog.csv', '-f', 'html', '--principles', path]);
    expect(html.stdout).not.toContain('class="money"');
  });
});

describe('validate checks totals', () => {
  const line = UNION.slice(0, UNION.indexOf(BLOCK)).split('\n').length + 1;

  it('a field the set does not declare, at its line and column', async () => {
    const path = setWith('totals:\n  - { field: benefits, label: Benefits }\n');
    const { code, stdout } = await cli(['validate', path, '-f', 'github']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `::error file=${path},line=${line},col=14,title=principles/unknown-field::totals: unknown field "benefits": declare it under fields as a number, or use one of effort_weeks, cost_gbp, citizen_impact`,
    );
  });

  it('a field that is not a number', async () => {
    const path = setWith('totals:\n  - { field: owner, label: Owner }\n');
    const { stdout } = await cli(['validate', path, '-f', 'github']);
    expect(stdout).toContain(
      `::error file=${path},line=${line},col=14,title=principles/field-spec::totals: "owner" is a string field, and only number or integer fields can be totalled: use one of effort_weeks, cost_gbp, citizen_impact`,
    );
  });

  it('a field totalled twice', async () => {
    const path = setWith('totals:\n  - { field: cost_gbp, label: Cost }\n  - { field: cost_gbp, label: Again }\n');
    const { stdout } = await cli(['validate', path, '-f', 'github']);
    expect(stdout).toContain(
      `::error file=${path},line=${line + 1},col=14,title=principles/duplicate-id::totals: "cost_gbp" is totalled twice: list each field once (first at line ${line}, column 14)`,
    );
  });

  it('the shape, by the schema', async () => {
    const path = setWith('totals:\n  - { field: cost_gbp }\n');
    const { code, stderr } = await cli(['score', 'examples/backlog.csv', '--principles', path]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^${path.replaceAll('/', '\\/').replaceAll('.', '\\.')}:${line}:5: `));
    expect(stderr).toContain('label');
  });
});
