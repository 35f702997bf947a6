/**
 * Reports, decisions, CI gates and atomic output, through the CLI in-process (`cli()`). A
 * write cut short by the file-size limit and Ctrl-C mid-run need a process of their own: they
 * are in test/e2e/reports.test.ts.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fingerprintItem } from '../../src/core/decisions.js';
import { cli } from '../helpers/cli.js';
import { unionPolicy } from '../helpers/policy.js';
import { assessedFile } from '../formats/helpers.js';

const SUMMARY = '22 items: The Union 7 · Council 4 · CCG 4 · Individual 3 · Needs review 4';
/** WI-15 has no lead: one fact away from another route. */
const UNSETTLED = '1 not settled (marked ?): a missing fact could change the route; chase lead (1)';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-reports-'));
}

/** A decisions file in a fresh folder. */
function decisionsFile(text: string): string {
  const path = join(folder(), 'decisions.yaml');
  writeFileSync(path, text);
  return path;
}

/** The fingerprint of an example item as it is now, as `review` would record it. */
async function fingerprintOf(id: string): Promise<string> {
  const results = await assessedFile(unionPolicy(), 'examples/backlog.csv');
  return fingerprintItem(results.find((r) => r.item.id === id)!.item);
}

describe('triage score formats', () => {
  it('writes CSV that parses back, with kept columns', async () => {
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '-f', 'csv', '--keep-columns', 'owner', 'tags']);
    expect([code, stderr]).toEqual([0, '']);
    const rows = parse(stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(22);
    expect(rows[5]).toMatchObject({ id: 'WI-06', route: 'individual', owner: 'Priya Shah', tags: 'quick-fix' });
  });

  it('writes JSONL, one assessment per line', async () => {
    const { code, stdout } = await cli(['score', 'examples/backlog.csv', '-f', 'jsonl']);
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string });
    expect(lines.map((l) => l.id).slice(0, 3)).toEqual(['WI-01', 'WI-02', 'WI-03']);
    expect(lines).toHaveLength(22);
  });

  it('writes Markdown and a self-contained HTML report', async () => {
    const markdown = await cli(['score', 'examples/backlog.csv', '-f', 'markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout.split('\n')[0]).toBe('# Work triage: The Union');
    const out = join(folder(), 'report.html');
    const html = await cli(['score', 'examples/backlog.csv', '-f', 'html', '-o', out]);
    expect([html.code, html.stdout, html.stderr]).toEqual([0, '', `wrote ${out}\n`]);
    expect(readFileSync(out, 'utf8').match(/<g class="dot"/g)).toHaveLength(22);
  });

  it('draws the chart with --chart, readable at 80 columns', async () => {
    const { code, stdout } = await cli(['score', 'examples/backlog.csv', '--chart'], { env: { COLUMNS: '80' } });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Transformation ↑ against alignment →');
    // The chart marks nothing, so its lines name no marks.
    expect(lines.slice(-2)).toEqual([SUMMARY, '1 not settled: a missing fact could change the route; chase lead (1)']);
    expect(Math.max(...lines.map((l) => [...l].length))).toBe(80);
    expect(stdout).not.toContain('\u001b[');
  });

  it('refuses option combinations that would be silently ignored', async () => {
    expect(await cli(['score', 'examples/backlog.csv', '--chart', '-f', 'json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: '--chart draws the chart in place of the table, so it cannot be combined with --format json; leave out --chart, or leave out --format\n',
    });
    expect((await cli(['score', 'examples/backlog.csv', '--keep-columns', 'owner'])).stderr).toBe(
      '--keep-columns passes item columns through with --format csv or xlsx only; add --format csv\n',
    );
    expect((await cli(['score', 'examples/backlog.csv', '-f', 'csv', '--keep-columns', 'id'])).stderr).toBe(
      '--keep-columns id: the CSV already has a "id" column; keep only the item\'s other columns\n',
    );
  });
});

describe('triage score --decisions', () => {
  it('applies decisions: the decided route, overridden, the recommendation and rationale kept', async () => {
    const fingerprint = await fingerprintOf('WI-12');
    const file = decisionsFile(`decisions:
  - id: WI-12
    route: union
    rationale: The board backs a single platform.
    by: Director of Integration
    fingerprint: "${fingerprint}"
  - { id: WI-15, route: council, rationale: Estates will scope it first }
`);
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '--decisions', file, '-f', 'json']);
    expect([code, stderr]).toEqual([0, '']);
    const doc = JSON.parse(stdout) as { summary: { overridden: number; stale: number }; items: Array<Record<string, unknown>> };
    // WI-15, the only item a missing fact could re-route, is decided: the decision settles it.
    expect(doc.summary).toMatchObject({ overridden: 2, confirmed: 0, stale: 0, unsettled: 0, chase: {} });
    expect(doc.items.find((i) => i['id'] === 'WI-12')).toMatchObject({
      route: 'union',
      routeLabel: 'The Union',
      rule: 'decision',
      reason: 'Decided by Director of Integration: The board backs a single platform.',
      overridden: true,
      recommended: { route: 'review', routeLabel: 'Needs review', rule: 'challenge-weak-alignment' },
      decision: { route: 'union', rationale: 'The board backs a single platform.', by: 'Director of Integration', stale: false, kind: 'overridden' },
    });

    const table = await cli(['score', 'examples/backlog.csv', '--decisions', file]);
    expect(table.stdout).toContain('│ WI-12 │ Single integrated IT platform  │ The Union *  │');
    // Wrapped to the table's 100 columns off a terminal.
    expect(table.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '22 items: The Union 8 · Council 5 · CCG 4 · Individual 3 · Needs review 2',
      '(decisions: 2 overridden *)',
    ]);
    const csv = parse((await cli(['score', 'examples/backlog.csv', '--decisions', file, '-f', 'csv'])).stdout, { columns: true }) as Array<
      Record<string, string>
    >;
    expect(csv.find((r) => r['id'] === 'WI-15')).toMatchObject({
      route: 'council',
      overridden: 'true',
      recommended_route: 'review',
      recommended_rule: 'default',
      rationale: 'Estates will scope it first',
      stale: 'false',
    });
  });

  it('warns about a stale decision at its place in the file, and still applies it', async () => {
    const file = decisionsFile('decisions:\n  - { id: WI-06, route: council, rationale: Team capacity, fingerprint: "v1:00000000000000" }\n');
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '--decisions', file, '-f', 'jsonl']);
    expect(code).toBe(0);
    expect(stderr).toBe(
      `${file}:2:11: warning: decision for "WI-06" is stale: the item has changed since it was decided; the decided route still applies, but review it again [decisions/stale]\n`,
    );
    const wi06 = stdout
      .split('\n')
      .map((l) => (l ? (JSON.parse(l) as { id: string }) : undefined))
      .find((i) => i?.id === 'WI-06');
    expect(wi06).toMatchObject({ route: 'council', overridden: true, decision: { stale: true } });
  });

  it('lets an expired decision lapse, with a warning', async () => {
    const file = decisionsFile('decisions:\n  - { id: WI-06, route: council, rationale: For last year, expires: "2001-12-31" }\n');
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '--decisions', file, '-f', 'csv']);
    expect(code).toBe(0);
    expect(stderr).toBe(`${file}:2:11: warning: decision for "WI-06" expired on 2001-12-31: the tool's recommendation applies again [decisions/expired]\n`);
    expect(stdout).toContain('\nWI-06,Fix postcode validation on the referral form,individual,');
  });

  it('reports a decision for an unknown item after the full output, and exits 1', async () => {
    const file = decisionsFile('decisions:\n  - { id: WI-06, route: council, rationale: Capacity }\n  - { id: WI-99, route: union, rationale: Gone }\n');
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '--decisions', file]);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n').slice(-3)).toEqual([
      '22 items: The Union 7 · Council 5 · CCG 4 · Individual 2 · Needs review 4',
      '(decisions: 1 overridden *)',
      UNSETTLED,
    ]);
    expect(stderr).toBe(
      `${file}:3:11: error: decision for "WI-99" matches no item in the input: check the id, or remove the decision if the item is gone [decisions/unknown-item]\n`,
    );
  });

  it('refuses a decision for an undeclared route before scoring, with its position', async () => {
    const file = decisionsFile('decisions:\n  - { id: WI-06, route: nowhere }\n');
    expect(await cli(['score', 'examples/backlog.csv', '--decisions', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${file}:2:25: error: decision for "WI-06" names route "nowhere", which the principle set does not declare: use one of union, council, ccg, individual, review [decisions/unknown-route]\n`,
    });
  });
});

describe('triage score --fail-on', () => {
  it('exits 1 after printing the full output when any item awaits review', async () => {
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '--fail-on', 'review']);
    expect(code).toBe(1);
    expect(stdout).toBe((await cli(['score', 'examples/backlog.csv'])).stdout);
    expect(stdout.trimEnd().split('\n').slice(-2)).toEqual([SUMMARY, UNSETTLED]);
    expect(stderr).toBe('fail-on: 4 items routed to review: WI-12, WI-13, WI-14, WI-15\n');
  });

  it('fails on classifications too, names at most five items, and passes when nothing lands there', async () => {
    const { code, stderr } = await cli(['score', 'examples/backlog.csv', '-f', 'json', '--fail-on', 'business-as-usual', 'borderline']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'fail-on: 12 items classified business-as-usual: WI-04, WI-05, WI-06, WI-10, WI-11 and 7 more\nfail-on: 2 items classified borderline: WI-13, WI-14\n',
    );
    const file = decisionsFile(
      'decisions:\n' + ['WI-12', 'WI-13', 'WI-14', 'WI-15'].map((id) => `  - { id: ${id}, route: council, rationale: Agreed }\n`).join(''),
    );
    expect((await cli(['score', 'examples/backlog.csv', '--decisions', file, '--fail-on', 'review', '-f', 'jsonl'])).code).toBe(0);
  });

  it('is not switched off by a display filter', async () => {
    const { code, stdout, stderr } = await cli(['score', 'examples/backlog.csv', '--route', 'union', '--fail-on', 'review', '-f', 'jsonl']);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toHaveLength(7);
    expect(stderr).toBe('fail-on: 4 items routed to review: WI-12, WI-13, WI-14, WI-15\n');
  });

  it('refuses an unknown name as a usage error, spotting a file name caught by the list', async () => {
    expect(await cli(['score', 'examples/backlog.csv', '--fail-on', 'reveiw'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'unknown route or classification "reveiw" in --fail-on; use one of union, council, ccg, individual, review, transformational, borderline, business-as-usual\n',
    });
    expect((await cli(['score', '--fail-on', 'review', 'examples/backlog.csv'])).stderr).toBe(
      'unknown route or classification "examples/backlog.csv" in --fail-on; name the item files before --fail-on, or end its list with --\n',
    );
  });
});

describe('atomic -o', () => {
  const tempFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

  it('leaves the old file untouched when the input fails part way through', async () => {
    const dir = folder();
    const out = join(dir, 'scored.csv');
    const broken = join(dir, 'broken.csv');
    writeFileSync(out, 'old,csv\n');
    writeFileSync(broken, 'id,title\nB-1,Fine\nB-2,"never closed\n');
    const { code, stderr } = await cli(['score', 'examples/backlog.csv', broken, '-f', 'csv', '-o', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:`));
    expect(readFileSync(out, 'utf8')).toBe('old,csv\n');
    expect(tempFiles(dir)).toEqual([]);
  });
});
